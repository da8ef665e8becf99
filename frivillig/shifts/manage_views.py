"""Being written in this session: each view is replaced by its real one."""

from django.http import Http404


def opportunity_shifts(request, *args, **kwargs):
    raise Http404


def weekly_pattern(request, *args, **kwargs):
    raise Http404


def manage_shift(request, *args, **kwargs):
    raise Http404


def shift_edit(request, *args, **kwargs):
    raise Http404


def shift_cancel(request, *args, **kwargs):
    raise Http404


def shift_message(request, *args, **kwargs):
    raise Http404


def manage_events(request, *args, **kwargs):
    raise Http404


def event_create(request, *args, **kwargs):
    raise Http404


def event_edit(request, *args, **kwargs):
    raise Http404

