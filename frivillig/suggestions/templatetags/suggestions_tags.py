"""Min side's box of suggestions: `{% load suggestions_tags %}{% suggestions_box user profile %}`."""

from django import template

from ..recommendations import suggestions_for

register = template.Library()

MIN_SIDE_SUGGESTIONS = 3


@register.inclusion_tag("suggestions/includes/min_side_box.html")
def suggestions_box(user, profile=None) -> dict:
    """The person's best suggestions (MIN_SIDE_SUGGESTIONS of them), with links to all and to saved searches.

    Pass the profile Min side has loaded (with interests and areas prefetched) to save its queries.
    """
    return {"suggestions": suggestions_for(user, profile=profile, limit=MIN_SIDE_SUGGESTIONS)}
