"""Being written in this session: each view is replaced by its real one."""

from django.http import Http404


def inbox(request, slug):
    raise Http404


def export(request, slug):
    raise Http404


def detail(request, slug, pk):
    raise Http404


def set_status(request, slug, pk):
    raise Http404


def add_note(request, slug, pk):
    raise Http404


def opportunity_inbox(request, slug, pk):
    raise Http404

