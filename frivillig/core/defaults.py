"""Default vocabularies, loaded by a data migration. Coordinators edit them in the portal.

Areas default to Frederiksberg's city areas (the default municipality); another municipality edits the list.
"""

POLICY_AREAS = [
    ("integration", "Integration", "Integration"),
    ("handicap", "Handicap", "Disability"),
    ("udsatte", "Udsatte", "Vulnerable people"),
    ("aeldre", "Ældre", "Older people"),
    ("boern-og-unge", "Børn og unge", "Children and young people"),
    ("kultur-og-fritid", "Kultur og fritid", "Culture and leisure"),
    ("sundhed", "Sundhed", "Health"),
    ("miljoe", "Miljø", "Environment"),
]

CATEGORIES = [
    ("socialt-arbejde", "Socialt arbejde", "Social work"),
    ("besoegsven", "Besøgsven og samvær", "Visiting and company"),
    ("lektiehjaelp", "Lektiehjælp og læsning", "Homework help and reading"),
    ("idraet", "Idræt og bevægelse", "Sport and exercise"),
    ("kultur", "Kultur og kunst", "Culture and arts"),
    ("natur-miljoe", "Natur og miljø", "Nature and environment"),
    ("integration-sprog", "Integration og sprog", "Integration and language"),
    ("raadgivning", "Rådgivning og støtte", "Advice and support"),
    ("boern-unge", "Børn og unge", "Children and young people"),
    ("aeldre", "Ældre", "Older people"),
    ("sundhed", "Sundhed og trivsel", "Health and well-being"),
    ("events", "Arrangementer og events", "Events"),
    ("praktisk", "Praktisk hjælp", "Practical help"),
    ("administration", "Bestyrelse og administration", "Board and administration"),
]

AREAS = [
    ("frederiksberg-c", "Frederiksberg C", "Frederiksberg C"),
    ("nord", "Frederiksberg Nord", "Frederiksberg North"),
    ("syd", "Frederiksberg Syd", "Frederiksberg South"),
    ("oest", "Frederiksberg Øst", "Frederiksberg East"),
    ("vest", "Frederiksberg Vest", "Frederiksberg West"),
    ("hele-kommunen", "Hele kommunen", "The whole municipality"),
]

TARGET_GROUPS = [
    ("boern", "Børn", "Children"),
    ("unge", "Unge", "Young people"),
    ("voksne", "Voksne", "Adults"),
    ("aeldre", "Ældre", "Older people"),
    ("familier", "Familier", "Families"),
    ("handicap", "Mennesker med handicap", "People with disabilities"),
    ("psykisk-saarbare", "Psykisk sårbare", "People with mental health problems"),
    ("flygtninge-indvandrere", "Flygtninge og indvandrere", "Refugees and immigrants"),
    ("hjemloese", "Hjemløse og socialt udsatte", "Homeless and socially vulnerable people"),
    ("ensomme", "Ensomme", "Lonely people"),
    ("paaroerende", "Pårørende", "Carers and relatives"),
]

SPOKEN_LANGUAGES = [
    ("dansk", "Dansk", "Danish"),
    ("engelsk", "Engelsk", "English"),
    ("arabisk", "Arabisk", "Arabic"),
    ("tyrkisk", "Tyrkisk", "Turkish"),
    ("ukrainsk", "Ukrainsk", "Ukrainian"),
    ("polsk", "Polsk", "Polish"),
    ("farsi", "Farsi", "Farsi"),
    ("somali", "Somali", "Somali"),
    ("tysk", "Tysk", "German"),
    ("spansk", "Spansk", "Spanish"),
]

VOLUNTEER_TEAM = {
    "name": "Frivillighedsteamet",
    "slug": "frivillighedsteamet",
    "description": "Kommunens frivillighedsteam støtter foreninger og frivillige, driver portalen, "
    "administrerer puljer og lokaler og hjælper kommunale enheder med at samarbejde med frivillige.",
}


VOCABULARIES = {
    "PolicyArea": POLICY_AREAS,
    "Category": CATEGORIES,
    "Area": AREAS,
    "TargetGroup": TARGET_GROUPS,
    "SpokenLanguage": SPOKEN_LANGUAGES,
}


def load_vocabularies(get_model, model_names) -> None:
    """Create the missing default rows of the named vocabularies; `get_model(name)` may be a migration's."""
    for model_name in model_names:
        model = get_model(model_name)
        for position, (slug, name_da, name_en) in enumerate(VOCABULARIES[model_name]):
            defaults = {"name_da": name_da, "name_en": name_en, "position": position}
            model.objects.get_or_create(slug=slug, defaults=defaults)


def ensure_defaults() -> None:
    """Create the default vocabularies, site configuration and volunteer team if they are missing.

    The data migrations do this on a new database; tests that flush the database (live-server tests) call it again.
    """
    from django.apps import apps

    from frivillig.core.models import SiteConfiguration
    from frivillig.organisations.models import Organisation

    load_vocabularies(lambda name: apps.get_model("core", name), VOCABULARIES)
    SiteConfiguration.get()
    if not Organisation.objects.filter(is_volunteer_team=True).exists():
        Organisation.objects.create(kind="municipal_unit", is_volunteer_team=True, is_verified=True, **VOLUNTEER_TEAM)
