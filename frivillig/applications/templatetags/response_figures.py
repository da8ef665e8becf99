"""`{% load response_figures %}{% response_figures organisation %}`: how fast and how often an organisation
answers applications, from its pre-computed ResponseFigures row (one query). Nothing when there are too few
applications to say anything (ResponseFigures.is_shown)."""

import math

from django import template

from frivillig.applications.figures import response_figures_for

register = template.Library()


@register.inclusion_tag("applications/includes/response_figures.html")
def response_figures(organisation) -> dict:
    figures = response_figures_for(organisation)
    if figures is None:
        return {"figures": None}
    hours = figures.median_response_hours
    return {
        "figures": figures,
        # Under a day the answer time is told in whole hours (rounded up, at least 1), else in whole days.
        "hours": max(1, math.ceil(hours)) if hours < 24 else None,
        "days": figures.median_response_days,
        "percent": figures.answer_rate_percent,
    }
