"""RSS of the newest published opportunities, with the search page's filters (`/muligheder/feed/?q=…`)."""

import re
from dataclasses import replace

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from frivillig.core.models import SiteConfiguration

from .search import SearchParams, search_opportunities

FEED_SIZE = 50
# Control characters XML 1.0 cannot hold (Django refuses to write them): a search or a title may contain them.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return NOT_IN_XML.sub("", text)


class OpportunityFeed(Feed):
    """One instance serves every request, so per-request state lives in the SearchParams object, not on self."""

    def get_object(self, request) -> SearchParams:
        return replace(SearchParams.from_querydict(request.GET), sort="newest", page=1)

    def title(self, params: SearchParams) -> str:
        portal = SiteConfiguration.get().portal_name
        if params.q:
            return xml_text(_("New volunteer opportunities matching “%(q)s” – %(portal)s") % {"q": params.q,
                                                                                             "portal": portal})
        return xml_text(_("New volunteer opportunities – %(portal)s") % {"portal": portal})

    def link(self, params: SearchParams) -> str:
        query = replace(params, sort="").urlencode()
        return reverse("opportunities:search") + (f"?{query}" if query else "")

    def description(self, params: SearchParams) -> str:
        if params.q or params.is_filtered:
            return _("The newest volunteer opportunities that match your search.")
        return _("The newest volunteer opportunities on the portal.")

    def items(self, params: SearchParams):
        return search_opportunities(params, page_size=FEED_SIZE, with_facets=False).page.object_list

    def item_title(self, item) -> str:
        return xml_text(item.title)

    def item_description(self, item) -> str:
        # Feed readers show an item's description as HTML: the organisation's plain text is escaped for that.
        return escape(xml_text(item.summary))

    def item_author_name(self, item) -> str:
        return xml_text(item.organisation.name)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item) -> list[str]:
        return [xml_text(category.name) for category in item.categories.all()]
