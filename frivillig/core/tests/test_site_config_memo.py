"""The per-process copy of the site configuration: saves a cache round trip, never outlives a save here."""

from django.core.cache import cache

from frivillig.core.models import SITE_CONFIG_CACHE_KEY, SiteConfiguration, _process_memo


def test_the_memo_answers_without_the_cache_until_it_runs_out(db, settings, django_assert_num_queries, monkeypatch):
    settings.SITE_CONFIG_PROCESS_SECONDS = 5
    first = SiteConfiguration.get()
    with django_assert_num_queries(0):  # the database cache would be one query
        assert SiteConfiguration.get() is first
    monkeypatch.setitem(_process_memo, "until", 0.0)  # time is up
    with django_assert_num_queries(1):
        SiteConfiguration.get()


def test_a_save_in_this_process_is_seen_at_once(db, settings):
    settings.SITE_CONFIG_PROCESS_SECONDS = 5
    config = SiteConfiguration.get()
    config.portal_name = "Frivillig Aarhus"
    config.save()
    assert SiteConfiguration.get().portal_name == "Frivillig Aarhus"
    assert cache.get(SITE_CONFIG_CACHE_KEY).portal_name == "Frivillig Aarhus"


def test_zero_seconds_turns_the_memo_off(db, settings, django_assert_num_queries):
    settings.SITE_CONFIG_PROCESS_SECONDS = 0
    SiteConfiguration.get()
    with django_assert_num_queries(1):
        SiteConfiguration.get()
    assert _process_memo == {}
