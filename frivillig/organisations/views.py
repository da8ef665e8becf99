from django.shortcuts import render


def directory(request):
    return render(request, "organisations/directory.html", {})


def create(request):
    return render(request, "organisations/create.html", {})


def coordinator_overview(request):
    return render(request, "organisations/coordinator_overview.html", {})
