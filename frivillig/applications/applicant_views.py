"""Being written in this session: each view is replaced by its real one."""

from django.http import Http404


def apply(request, pk):
    raise Http404


def guardian_consent(request, token):
    raise Http404


def mine(request, token):
    raise Http404


def confirm(request, token):
    raise Http404


def withdraw(request, token):
    raise Http404


def my_applications(request):
    raise Http404

