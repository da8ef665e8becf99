"""Being written in this session: each view is replaced by its real one."""

from django.http import Http404


def my_hours(request, *args, **kwargs):
    raise Http404


def certificate(request, *args, **kwargs):
    raise Http404


def certificate_pdf(request, *args, **kwargs):
    raise Http404


def verify_form(request, *args, **kwargs):
    raise Http404


def verify(request, *args, **kwargs):
    raise Http404


def organisation_hours(request, *args, **kwargs):
    raise Http404


def decide(request, *args, **kwargs):
    raise Http404


def attendance(request, *args, **kwargs):
    raise Http404


def thank(request, *args, **kwargs):
    raise Http404

