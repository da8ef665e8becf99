from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def min_side(request):
    return render(request, "accounts/min_side.html", {})


@login_required
def profile_edit(request):
    return render(request, "accounts/profile_edit.html", {})
