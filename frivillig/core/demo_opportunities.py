"""The demo's opportunities: some 170 roles over the demo organisations, made from role templates × hosts.

Each `Role` is one kind of volunteering (lektiehjælp, besøgsven, sprogcafé …) written once, with slots such as
{org}, {dag} and {tid}. It names the organisations that host it and a few variants (weekday, subject, age group,
place); host number i gets variant i (cycling), so one template gives several roles that each read as their own.
Municipal units' roles carry a complete role card, confirmed by the unit's admin. Places are real Frederiksberg
streets and parks with approximate points. `manage.py seed_demo` loads them through `opportunity_specs()`.

Everything is fictional; organisations are referred to by the slugs in `demo_data` and `cast`, vocabularies by
the slugs in `defaults`.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

# Where the organisations are: street, postcode, area of the city, latitude, longitude (approximate).
PLACES = {
    "besoegsvennerne-frederiksberg": ("Bibliotekstorvet 1", "2000", "frederiksberg-c", 55.6806, 12.5329),
    "lektiecafe-solbjerg": ("Solbjergvej 21", "2000", "frederiksberg-c", 55.6822, 12.5290),
    "plejecenter-akaciegaarden": ("Langelandsvej 33", "2000", "nord", 55.6862, 12.5285),
    "frivillighedsteamet": ("Smallegade 1", "2000", "frederiksberg-c", 55.6790, 12.5312),
    "frederiksberg-besoegstjeneste": ("Falkoner Allé 58", "2000", "frederiksberg-c", 55.6840, 12.5338),
    "natcafeen-frederiksberg": ("Nyelandsvej 40", "2000", "nord", 55.6850, 12.5235),
    "sorggruppen-frederiksberg": ("Frederiksberg Allé 44", "1820", "frederiksberg-c", 55.6760, 12.5410),
    "boldklubben-falkonerne": ("Jens Jessens Vej 22", "2000", "vest", 55.6842, 12.5118),
    "gaafodbold-60-plus": ("Grøndalsparken ved Flintholm", "2000", "vest", 55.6880, 12.5065),
    "soendermarkens-loebeklub": ("Søndermarken, indgangen ved Roskildevej", "2000", "syd", 55.6768, 12.5225),
    "frederiksberg-lokalhistoriske-forening": ("Solbjerg Plads 1", "2000", "frederiksberg-c", 55.6812, 12.5338),
    "frederiksberg-folkekor": ("Værnedamsvej 12", "1819", "frederiksberg-c", 55.6762, 12.5445),
    "amatoerteatret-bagscenen": ("Bülowsvej 10", "1870", "oest", 55.6795, 12.5435),
    "faelleshaven-lindevangsparken": ("Lindevangsparken ved Peter Bangs Vej", "2000", "vest", 55.6818, 12.5125),
    "cykelvaerkstedet-flintholm": ("Flintholm Allé 8", "2000", "vest", 55.6858, 12.5080),
    "naturgruppen-landbohoejskolens-have": ("Thorvaldsensvej 40", "1871", "oest", 55.6822, 12.5420),
    "sprogcafeen-hovedbiblioteket": ("Solbjerg Plads 1", "2000", "frederiksberg-c", 55.6812, 12.5338),
    "lektiecafe-velkommen": ("Nordre Fasanvej 130", "2000", "nord", 55.6875, 12.5238),
    "kvindenetvaerket-sammen": ("Howitzvej 52", "2000", "nord", 55.6838, 12.5262),
    "frederiksberg-international-volunteers": ("Gammel Kongevej 110", "1850", "frederiksberg-c", 55.6770, 12.5420),
    "international-parents-frederiksberg": ("Vesterbrogade 185", "1800", "frederiksberg-c", 55.6762, 12.5318),
    "nabogruppen-finsensvej": ("Finsensvej 70", "2000", "nord", 55.6870, 12.5150),
    "strikkeklubben-godthaabsvej": ("Godthåbsvej 41", "2000", "nord", 55.6880, 12.5250),
    "plejecenter-kastanjehusene": ("Kastanievej 12", "1876", "oest", 55.6800, 12.5415),
    "plejeboligerne-rolighedsvej": ("Rolighedsvej 14", "1958", "oest", 55.6835, 12.5405),
    "hovedbiblioteket": ("Solbjerg Plads 1", "2000", "frederiksberg-c", 55.6812, 12.5338),
    "biblioteket-godthaabsvej": ("Godthåbsvej 41", "2000", "nord", 55.6880, 12.5250),
    "skolen-paa-peter-bangs-vej": ("Peter Bangs Vej 82", "2000", "vest", 55.6795, 12.5110),
    "frivilligcenter-frederiksberg": ("Howitzvej 30", "2000", "nord", 55.6825, 12.5285),
    "ungdomsklubben-flintholm": ("Flintholm Allé 20", "2000", "vest", 55.6862, 12.5072),
    "aktivitetscentret-dalgas-boulevard": ("Dalgas Boulevard 48", "2000", "vest", 55.6790, 12.5145),
}

# Outdoor places that a variant can name instead of the organisation's address.
OUTDOORS = {
    "frederiksberg-have": ("Frederiksberg Have, indgangen ved Frederiksberg Runddel", "2000", "syd", 55.6752, 12.5262),
    "soendermarken": ("Søndermarken, indgangen ved Roskildevej", "2000", "syd", 55.6768, 12.5225),
    "lindevangsparken": ("Lindevangsparken ved Peter Bangs Vej", "2000", "vest", 55.6818, 12.5125),
    "landbohoejskolens-have": ("Landbohøjskolens Have, Bülowsvej 17", "1870", "oest", 55.6815, 12.5428),
    "frederiksberg-runddel": ("Frederiksberg Runddel", "2000", "syd", 55.6765, 12.5280),
    "solbjerg-plads": ("Solbjerg Plads", "2000", "frederiksberg-c", 55.6812, 12.5340),
    "flintholm-station": ("Flintholm Station, Grøndals Parkvej", "2000", "vest", 55.6855, 12.5000),
    "den-groenne-sti": ("Den Grønne Sti ved Nordre Fasanvej", "2000", "nord", 55.6890, 12.5245),
    "gammel-kongevej": ("Gammel Kongevej ved Platanvej", "1850", "frederiksberg-c", 55.6766, 12.5390),
}

# The named staff contact on municipal units' role cards (the unit's admin confirms the card).
UNIT_CONTACTS = {
    "plejecenter-akaciegaarden": "Gitte Mortensen, centerleder",
    "frivillighedsteamet": "Dorte Friis, frivillighedskonsulent",
    "plejecenter-kastanjehusene": "Susanne Bech, centerleder",
    "plejeboligerne-rolighedsvej": "Henrik Kjær, afdelingsleder",
    "hovedbiblioteket": "Marianne Holst, biblioteksleder",
    "biblioteket-godthaabsvej": "Jesper Vinther, bibliotekar",
    "skolen-paa-peter-bangs-vej": "Anne Mette Lauridsen, viceskoleleder",
    "frivilligcenter-frederiksberg": "Bente Dahl, centerleder",
    "ungdomsklubben-flintholm": "Kasper Lind, klubleder",
    "aktivitetscentret-dalgas-boulevard": "Lone Krogh, aktivitetskoordinator",
}

DANISH = ["dansk"]
# The Opportunity.when_* fields, and the weekdays that make a variant a weekend role.
WHEN = ("weekdays", "weekends", "daytime", "evenings")
WEEKEND_DAYS = {"lørdag", "søndag", "saturday", "sunday"}
EVENING_FROM_HOUR = 17
# Standing roles (regular, flexible) have been recruiting for up to ten months, so the demo's applications can
# span that long; one-off and short-term ones were posted in the last 75 days.
STANDING_PUBLISHED_DAYS = 300
RECENT_PUBLISHED_DAYS = 75


@dataclass(frozen=True)
class Role:
    """One kind of volunteering, written once with {slots}; see the module docstring."""

    title: str
    summary: str
    description: str
    hosts: list[str]
    categories: list[str]
    variants: list[dict] = field(default_factory=lambda: [{}])
    target_groups: list[str] = field(default_factory=list)
    policy_areas: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=lambda: list(DANISH))
    language: str = "da"
    time_commitment: str = "regular"
    hours_per_week: float | None = None
    online: bool = False
    no_danish: bool = False
    child_certificate: bool = False
    minimum_age: int | None = None
    wheelchair: bool = False
    suits: tuple[str, ...] = ()
    volunteers_wanted: int | None = None
    one_off_in_days: int | None = None  # a one-off date this many days after seeding (varied per host)
    card: tuple[str, str] | None = None  # (what the volunteer does, what paid staff do) for municipal units
    skills: str = ""
    # When the work happens (WHEN); a variant's weekday ("dag"/"day") and start time ("tid") take over. None: it
    # varies or is by agreement.
    when: tuple[str, ...] = ()


ROLES = [
    # --- homework help and reading ------------------------------------------------------------------------
    Role(
        title="Lektiehjælper i {fag} for {klasse}",
        when=("weekdays", "daytime"),
        summary="Hjælp elever i {klasse} med {fag} {dag} eftermiddag – du behøver ikke være lærer, bare tålmodig.",
        description=(
            "Mange børn på Frederiksberg har ingen derhjemme, der kan hjælpe med lektierne. Hos {org} sidder vi klar "
            "hver {dag} kl. {tid}, og vi mangler flere voksne, der har lyst til at forklare, lytte og heppe.\n\n"
            "**Det skal du lave**\n\n"
            "- hjælpe en eller to elever ad gangen med {fag}\n"
            "- hjælpe med at komme i gang, når opgaven virker uoverskuelig\n"
            "- være en stabil voksen, som eleverne kender\n\n"
            "**Det får du**\n\n"
            "- introduktion og en fast makker de første gange\n"
            "- kaffe, frugt og hyggelige kolleger\n"
            "- et kursus i lektiehjælp to gange om året\n\n"
            "Du skal kunne komme de fleste {dag}e. Vi indhenter en børneattest, før du starter."
        ),
        hosts=[
            "lektiecafe-solbjerg", "lektiecafe-velkommen", "lektiecafe-velkommen", "biblioteket-godthaabsvej",
            "hovedbiblioteket", "kvindenetvaerket-sammen", "lektiecafe-solbjerg", "skolen-paa-peter-bangs-vej",
        ],
        variants=[
            {"fag": "matematik", "klasse": "7.–9. klasse", "dag": "mandag", "tid": "15–17"},
            {"fag": "dansk og læsning", "klasse": "4.–6. klasse", "dag": "tirsdag", "tid": "14.30–16.30"},
            {"fag": "matematik", "klasse": "8.–10. klasse", "dag": "torsdag", "tid": "15–17"},
            {"fag": "engelsk", "klasse": "5.–7. klasse", "dag": "onsdag", "tid": "14–16"},
            {"fag": "fysik og kemi", "klasse": "8.–9. klasse", "dag": "torsdag", "tid": "15.30–17.30"},
            {"fag": "dansk", "klasse": "2.–5. klasse", "dag": "onsdag", "tid": "15–16.30"},
            {"fag": "tysk og engelsk", "klasse": "7.–9. klasse", "dag": "onsdag", "tid": "15–17"},
            {"fag": "læsning", "klasse": "3.–4. klasse", "dag": "fredag", "tid": "12–13.30"},
        ],
        categories=["lektiehjaelp", "boern-unge"],
        target_groups=["boern", "unge"],
        policy_areas=["boern-og-unge"],
        hours_per_week=2,
        child_certificate=True,
        minimum_age=17,
        card=(
            "Sidder med eleverne og hjælper dem med at forstå og komme i gang med opgaverne.",
            "Lærerne giver lektierne for, følger op på elevernes faglige udvikling og taler med forældrene.",
        ),
    ),
    Role(
        title="Online lektiehjælper i {fag}",
        when=("weekdays", "evenings"),
        summary="Hjælp en elev i udskolingen med {fag} over video – hjemmefra, en aften om ugen.",
        description=(
            "Ikke alle elever kan komme i lektiecaféen. {org} tilbyder derfor lektiehjælp over video, og her kan "
            "du hjælpe, uanset hvor du bor.\n\n"
            "**Sådan foregår det**\n\n"
            "- du får en fast elev i 8.–10. klasse\n"
            "- I mødes en aften om ugen i en time i vores sikre videoløsning\n"
            "- du hjælper med {fag} og med at planlægge ugens lektier\n\n"
            "Du skal have en computer med kamera og være god til {fag}. Vi indhenter børneattest."
        ),
        hosts=["lektiecafe-solbjerg", "lektiecafe-velkommen", "lektiecafe-solbjerg"],
        variants=[{"fag": "matematik"}, {"fag": "dansk"}, {"fag": "engelsk"}],
        categories=["lektiehjaelp", "boern-unge"],
        target_groups=["unge"],
        policy_areas=["boern-og-unge"],
        hours_per_week=1,
        online=True,
        child_certificate=True,
        minimum_age=18,
        time_commitment="flexible",
    ),
    Role(
        title="Læseven for elever i {klasse}",
        when=("weekdays", "daytime"),
        summary="Læs sammen med et barn i {klasse}, der har brug for mere læsetræning – en halv time ad gangen.",
        description=(
            "En læseven læser med det samme barn {dag} formiddag. I vælger bøger sammen, læser på skift og taler om "
            "det, I har læst. Det giver læselyst – og det giver selvtillid.\n\n"
            "**Vi tilbyder**\n\n"
            "- et introduktionsmøde med en læsevejleder\n"
            "- bøger og materialer\n"
            "- en fast kontaktperson hos {org}\n\n"
            "Du skal kunne komme mindst et skoleår. Vi indhenter en børneattest."
        ),
        hosts=[
            "skolen-paa-peter-bangs-vej", "biblioteket-godthaabsvej", "hovedbiblioteket", "skolen-paa-peter-bangs-vej",
        ],
        variants=[
            {"klasse": "1. klasse", "dag": "tirsdag"},
            {"klasse": "2. og 3. klasse", "dag": "onsdag"},
            {"klasse": "0.–2. klasse", "dag": "torsdag"},
            {"klasse": "3. klasse", "dag": "fredag"},
        ],
        categories=["lektiehjaelp", "boern-unge"],
        target_groups=["boern"],
        policy_areas=["boern-og-unge"],
        hours_per_week=1,
        child_certificate=True,
        minimum_age=18,
        suits=("seniors",),
        card=(
            "Læser med det samme barn hver uge og taler med barnet om bøgerne.",
            "Læsevejlederen vælger børnene, tilrettelægger læseforløbet og taler med lærere og forældre.",
        ),
    ),
    Role(
        title="Højtlæser til {arrangement}",
        summary="Læs højt for børn fra 3 til 7 år til {arrangement} – én gang om måneden.",
        description=(
            "Til {arrangement} sidder børn og forældre tæt i børneafdelingen hos {org}. Du læser en eller to "
            "billedbøger højt og hjælper bagefter børnene med at finde bøger, de selv vil låne.\n\n"
            "Du skal kunne lide at læse højt – gerne med stemmer. Vi indhenter børneattest."
        ),
        hosts=["hovedbiblioteket", "biblioteket-godthaabsvej"],
        variants=[{"arrangement": "lørdagshistorier"}, {"arrangement": "godnathistorier"}],
        categories=["kultur", "boern-unge", "lektiehjaelp"],
        target_groups=["boern", "familier"],
        policy_areas=["kultur-og-fritid", "boern-og-unge"],
        hours_per_week=1,
        child_certificate=True,
        minimum_age=16,
        wheelchair=True,
        suits="seniors",
        card=(
            "Læser højt for børnene og hjælper dem med at finde bøger.",
            "Bibliotekarerne planlægger arrangementet, vælger bøgerne og står for udlån og formidling.",
        ),
    ),
    # --- visiting friends and company -------------------------------------------------------------------
    Role(
        title="Besøgsven for en ensom ældre {omraade}",
        when=("weekdays", "daytime"),
        summary="Bliv fast besøgsven for en ældre, der sidder meget alene – en kop kaffe og en snak en gang om ugen.",
        description=(
            "Mange ældre på Frederiksberg ser ikke andre mennesker i flere dage ad gangen. Som besøgsven hos {org} "
            "kommer du hos den samme person en gang om ugen {omraade}. I bestemmer selv, hvad I laver: drikker kaffe, "
            "går en tur, spiller kort eller ser billeder.\n\n"
            "**Det får du**\n\n"
            "- en samtale, hvor vi finder den rette at matche dig med\n"
            "- et introduktionskursus og netværksmøder hver måned\n"
            "- en koordinator, du altid kan ringe til\n\n"
            "Vi forventer, at du kan se din besøgsven i mindst et halvt år."
        ),
        hosts=[
            "besoegsvennerne-frederiksberg", "besoegsvennerne-frederiksberg", "frederiksberg-besoegstjeneste",
            "frederiksberg-besoegstjeneste", "nabogruppen-finsensvej", "frederiksberg-besoegstjeneste",
        ],
        variants=[
            {"omraade": "i Frederiksberg C", "area": "frederiksberg-c"},
            {"omraade": "på Frederiksberg Nord", "area": "nord"},
            {"omraade": "omkring Frederiksberg Allé", "area": "frederiksberg-c"},
            {"omraade": "i Frederiksberg Vest", "area": "vest"},
            {"omraade": "på Finsensvej og omegn", "area": "nord"},
            {"omraade": "på Frederiksberg Øst", "area": "oest"},
        ],
        categories=["besoegsven", "aeldre", "socialt-arbejde"],
        target_groups=["aeldre", "ensomme"],
        policy_areas=["aeldre"],
        hours_per_week=2,
        minimum_age=18,
        suits=("seniors",),
    ),
    Role(
        title="Besøgsven for beboere {afdeling}",
        when=("weekdays", "daytime"),
        summary="Giv tid og selskab til beboere {afdeling}: samtale, en gåtur i haven eller et spil.",
        description=(
            "Personalet hos {org} sørger for pleje og omsorg – men der er sjældent tid til en lang snak. Som "
            "besøgsven kommer du fast en eftermiddag om ugen og er sammen med en eller to beboere {afdeling}.\n\n"
            "**Det kan I lave**\n\n"
            "- drikke kaffe og tale om gamle dage\n"
            "- gå en tur i haven eller i kvarteret\n"
            "- spille kort, lægge puslespil eller høre musik\n\n"
            "Du får en introduktion til at være sammen med mennesker med demens, før du starter."
        ),
        hosts=["plejecenter-akaciegaarden", "plejecenter-kastanjehusene", "plejeboligerne-rolighedsvej",
               "plejecenter-akaciegaarden"],
        variants=[
            {"afdeling": "i demensafdelingen"},
            {"afdeling": "i husfællesskabet Egen"},
            {"afdeling": "på 2. sal"},
            {"afdeling": "i aflastningsafdelingen"},
        ],
        categories=["besoegsven", "aeldre"],
        target_groups=["aeldre", "ensomme"],
        policy_areas=["aeldre", "sundhed"],
        hours_per_week=2,
        minimum_age=18,
        wheelchair=True,
        suits=("seniors",),
        card=(
            "Er sammen med beboerne: samtaler, gåture, spil og musik.",
            "Plejepersonalet står for al pleje, medicin, måltider og kontakten til de pårørende.",
        ),
    ),
    Role(
        title="Gåtursven {sted}",
        when=("weekdays", "daytime"),
        summary="Gå en fast tur med en ældre, der ikke tør gå alene – {sted}, en formiddag om ugen.",
        description=(
            "En gåtur er godt for både krop og humør, men mange ældre tør ikke gå alene. Som gåtursven hos {org} "
            "henter du din makker derhjemme, og I går en tur {sted} i jeres eget tempo.\n\n"
            "Du skal kunne gå roligt i en time og være til at regne med. Vi tilbyder et kort kursus i at hjælpe "
            "en ældre med rollator."
        ),
        hosts=["besoegsvennerne-frederiksberg", "frederiksberg-besoegstjeneste", "plejecenter-kastanjehusene",
               "aktivitetscentret-dalgas-boulevard"],
        variants=[
            {"sted": "i Frederiksberg Have", "place": "frederiksberg-have"},
            {"sted": "i Søndermarken", "place": "soendermarken"},
            {"sted": "i Landbohøjskolens Have", "place": "landbohoejskolens-have"},
            {"sted": "i Lindevangsparken", "place": "lindevangsparken"},
        ],
        categories=["besoegsven", "aeldre", "sundhed"],
        target_groups=["aeldre"],
        policy_areas=["aeldre", "sundhed"],
        hours_per_week=1.5,
        suits="youth",
        minimum_age=16,
        card=(
            "Går ture med beboerne og holder dem med selskab undervejs.",
            "Terapeuterne vurderer, hvem der kan gå med, og står for genoptræning og hjælpemidler.",
        ),
    ),
    Role(
        title="Telefonven for en ældre",
        summary="Ring til en ensom ældre to gange om ugen – fra din egen sofa, når det passer dig.",
        description=(
            "Nogle ældre har det bedst med at få besøg over telefonen. Som telefonven hos {org} ringer du til den "
            "samme person et par gange om ugen og taler om løst og fast.\n\n"
            "Det kræver ingen erfaring, kun at du er nysgerrig og til at regne med. Du kan gøre det hvor som helst."
        ),
        hosts=["besoegsvennerne-frederiksberg", "frederiksberg-besoegstjeneste"],
        categories=["besoegsven", "aeldre"],
        target_groups=["aeldre", "ensomme"],
        policy_areas=["aeldre"],
        hours_per_week=1,
        online=True,
        time_commitment="flexible",
        suits=("seniors",),
    ),
    # --- eating together --------------------------------------------------------------------------------
    Role(
        title="Kok til fællesspisning {dag}",
        when=("weekdays", "evenings"),
        summary="Lav aftensmad til {antal} sammen med et lille madhold hos {org} – hver {dag}.",
        description=(
            "Fællesspisning er den nemmeste vej til nye bekendtskaber. Hos {org} laver et madhold på tre-fire "
            "frivillige mad til {antal} hver {dag}. Du handler ind efter budget, laver mad og spiser med.\n\n"
            "**Vi forventer**\n\n"
            "- at du kan lide at lave mad til mange\n"
            "- at du tager et gratis hygiejnekursus (vi betaler)\n"
            "- at du kan være med mindst to gange om måneden\n\n"
            "Køkkenet er stort, og der er altid en erfaren kok med."
        ),
        hosts=["plejecenter-akaciegaarden", "aktivitetscentret-dalgas-boulevard", "natcafeen-frederiksberg",
               "kvindenetvaerket-sammen", "ungdomsklubben-flintholm"],
        variants=[
            {"dag": "onsdag", "antal": "40 beboere og pårørende"},
            {"dag": "torsdag", "antal": "60 pensionister"},
            {"dag": "søndag", "antal": "30 gæster"},
            {"dag": "fredag", "antal": "25 kvinder og deres børn"},
            {"dag": "tirsdag", "antal": "35 unge"},
        ],
        categories=["socialt-arbejde", "praktisk"],
        target_groups=["ensomme", "voksne"],
        policy_areas=["udsatte", "sundhed"],
        hours_per_week=4,
        suits=("groups",),
        card=(
            "Planlægger menuen, køber ind og laver mad sammen med madholdet, og spiser med gæsterne.",
            "Køkkenpersonalet har ansvaret for hygiejne og egenkontrol og laver de daglige måltider.",
        ),
    ),
    Role(
        title="Vært ved spisefællesskabet {navn}",
        when=("evenings",),
        summary="Tag imod gæsterne, dæk bord og sørg for, at ingen sidder alene, ved {navn}.",
        description=(
            "Ved {navn} spiser naboer og ældre sammen, og værten gør forskellen. Du byder velkommen, præsenterer "
            "folk for hinanden og holder samtalen i gang ved bordene. Bagefter rydder vi af sammen.\n\n"
            "Du skal kunne lide mennesker og at tage initiativ. Det er en aften hver anden uge hos {org}."
        ),
        hosts=["plejeboligerne-rolighedsvej", "frivilligcenter-frederiksberg", "nabogruppen-finsensvej",
               "strikkeklubben-godthaabsvej", "aktivitetscentret-dalgas-boulevard"],
        variants=[
            {"navn": "Søndagsmiddagen"},
            {"navn": "Fællesspisning for alle"},
            {"navn": "Finsensvej spiser sammen"},
            {"navn": "Strik og spis"},
            {"navn": "Torsdagsbordet"},
        ],
        categories=["socialt-arbejde", "aeldre", "events"],
        target_groups=["ensomme", "aeldre"],
        policy_areas=["aeldre", "udsatte"],
        hours_per_week=1.5,
        suits="families",
        card=(
            "Tager imod gæsterne, dækker bord og hjælper samtalen i gang.",
            "Personalet laver maden, står for hygiejnen og hjælper de beboere, der har brug for pleje.",
        ),
    ),
    # --- language cafés and integration -----------------------------------------------------------------
    Role(
        title="Samtalepartner i sprogcaféen {hold}",
        when=("weekdays", "daytime"),
        summary="Tal dansk med voksne, der er ved at lære sproget – {hold}, {dag} kl. {tid}.",
        description=(
            "I sprogcaféen sidder vi ved små borde og taler dansk om alt fra vejret til jobsøgning. Deltagerne "
            "kommer fra hele verden og har brug for at øve sig med nogen, der har tålmodighed.\n\n"
            "**Det skal du lave**\n\n"
            "- tale med to til fire deltagere ad gangen\n"
            "- rette forsigtigt og forklare ord og udtryk\n"
            "- bruge vores samtalekort, når snakken går i stå\n\n"
            "Du behøver ikke undervisningserfaring. Vi mødes hos {org} {dag} kl. {tid}."
        ),
        hosts=["sprogcafeen-hovedbiblioteket", "sprogcafeen-hovedbiblioteket", "sprogcafeen-hovedbiblioteket",
               "hovedbiblioteket", "biblioteket-godthaabsvej", "kvindenetvaerket-sammen"],
        variants=[
            {"hold": "for begyndere", "dag": "mandag", "tid": "17–19"},
            {"hold": "for øvede", "dag": "onsdag", "tid": "17–19"},
            {"hold": "om arbejdslivet", "dag": "lørdag", "tid": "11–13"},
            {"hold": "for seniorer", "dag": "tirsdag", "tid": "10–12"},
            {"hold": "for forældre", "dag": "torsdag", "tid": "16–18"},
            {"hold": "for kvinder", "dag": "fredag", "tid": "10–12"},
        ],
        categories=["integration-sprog"],
        target_groups=["flygtninge-indvandrere", "voksne"],
        policy_areas=["integration"],
        hours_per_week=2,
        wheelchair=True,
        suits=("seniors",),
        card=(
            "Taler dansk med deltagerne og hjælper dem med ord og udtryk.",
            "Bibliotekets personale står for lokaler, kurser og vejledning om danskuddannelse og job.",
        ),
    ),
    Role(
        title="Samtaleven for en nydansker",
        summary="Mød en nydansker en gang om ugen og tal dansk over en kop kaffe – i jeres eget tempo.",
        description=(
            "En samtaleven er en fast makker, der hjælper med at øve dansk i hverdagen. I mødes en gang om ugen – "
            "på en café, på biblioteket eller på en gåtur – og taler om det, der fylder.\n\n"
            "{org} matcher jer efter interesser og tider og holder et fællesmøde hver anden måned."
        ),
        hosts=["kvindenetvaerket-sammen", "sprogcafeen-hovedbiblioteket", "frivilligcenter-frederiksberg"],
        categories=["integration-sprog", "socialt-arbejde"],
        target_groups=["flygtninge-indvandrere"],
        policy_areas=["integration"],
        hours_per_week=1.5,
        time_commitment="flexible",
        card=(
            "Mødes med sin samtaleven og taler dansk i hverdagen.",
            "Frivilligcentrets konsulenter matcher makkerparrene og følger op.",
        ),
    ),
    Role(
        title="Host at the English-speaking language café",
        when=("weekdays", "evenings"),
        summary="Help newcomers practise Danish and English over coffee, {day} evenings. No Danish needed to help.",
        description=(
            "Our language café brings together newcomers, students and locals. Some want to practise English, "
            "others Danish – and many just want to meet people.\n\n"
            "**What you do**\n\n"
            "- welcome people and find them a table\n"
            "- keep the conversation going with our topic cards\n"
            "- help us tidy up afterwards\n\n"
            "We meet at {org}'s place on {day}s from 18 to 20. You only need to speak English."
        ),
        hosts=["frederiksberg-international-volunteers", "international-parents-frederiksberg"],
        variants=[{"day": "Tuesday"}, {"day": "Thursday"}],
        categories=["integration-sprog", "events"],
        target_groups=["flygtninge-indvandrere", "voksne"],
        policy_areas=["integration"],
        languages=["engelsk"],
        language="en",
        no_danish=True,
        hours_per_week=2,
    ),
    Role(
        title="Familieven for en nyankommen familie",
        summary="Hjælp en nyankommen familie med hverdagen på Frederiksberg: skole, fritidsliv og naboskab.",
        description=(
            "At flytte til et nyt land er svært. Som familieven hjælper du en familie med at forstå breve fra "
            "skolen, finde en fritidsaktivitet til børnene og lære kvarteret at kende.\n\n"
            "Du mødes med familien et par gange om måneden i mindst et halvt år. {org} giver dig en introduktion og "
            "en kontaktperson, og du kan altid spørge til råds."
        ),
        hosts=["kvindenetvaerket-sammen", "frivilligcenter-frederiksberg", "lektiecafe-velkommen"],
        categories=["integration-sprog", "socialt-arbejde"],
        target_groups=["familier", "flygtninge-indvandrere"],
        policy_areas=["integration", "boern-og-unge"],
        languages=["dansk", "engelsk", "arabisk"],
        hours_per_week=2,
        suits=("families",),
        card=(
            "Hjælper familien i hverdagen med breve, fritidsliv og at finde rundt i kvarteret.",
            "Kommunens integrationsmedarbejdere står for sagsbehandling, bolig og beskæftigelse.",
        ),
    ),
    Role(
        title="Welcome buddy for international families",
        summary="Meet a newly arrived family and show them how things work in Frederiksberg. English is enough.",
        description=(
            "Moving to Denmark with children means a new school, new rules and a new language. As a welcome buddy "
            "you meet a family a couple of times a month, answer questions and share what you wish you had known.\n\n"
            "{org} matches you with a family and hosts a buddy meet-up every other month."
        ),
        hosts=["international-parents-frederiksberg", "frederiksberg-international-volunteers"],
        categories=["integration-sprog", "boern-unge"],
        target_groups=["familier"],
        policy_areas=["integration"],
        languages=["engelsk"],
        language="en",
        no_danish=True,
        hours_per_week=1.5,
        time_commitment="flexible",
        suits=("families",),
    ),
    Role(
        title="Playgroup helper on {day} mornings",
        when=("weekdays", "daytime"),
        summary="Sing, play and set out toys for babies and toddlers at our English-speaking playgroup.",
        description=(
            "Every {day} morning up to twenty parents and their little ones meet for songs, play and coffee. We need "
            "a helper to set up, lead a song session and chat with new parents.\n\n"
            "A child protection certificate (børneattest) is required; {org} will request it for you."
        ),
        hosts=["international-parents-frederiksberg"],
        variants=[{"day": "Wednesday"}],
        categories=["boern-unge", "events"],
        target_groups=["boern", "familier"],
        policy_areas=["boern-og-unge", "integration"],
        languages=["engelsk"],
        language="en",
        no_danish=True,
        child_certificate=True,
        minimum_age=18,
        hours_per_week=2.5,
    ),
    # --- sport ------------------------------------------------------------------------------------------
    Role(
        title="Fodboldtræner for {hold}",
        when=("weekdays", "weekends", "daytime"),
        summary="Træn {hold} hos {org} to gange om ugen – vi sørger for trænerkursus og materialer.",
        description=(
            "{org} har mange børn, der gerne vil spille, og for få trænere. Du træner {hold} sammen med en "
            "erfaren træner og tager med til kampe i weekenden, når du kan.\n\n"
            "**Vi tilbyder**\n\n"
            "- DBU's trænerkursus, betalt af klubben\n"
            "- træningstøj og øvelsesbank\n"
            "- et godt fællesskab af trænere og forældre\n\n"
            "Du behøver ikke have spillet selv, men du skal kunne lide børn og bevægelse. Vi indhenter børneattest."
        ),
        hosts=["boldklubben-falkonerne", "boldklubben-falkonerne", "boldklubben-falkonerne", "boldklubben-falkonerne"],
        variants=[{"hold": "U9 drenge"}, {"hold": "U11 piger"}, {"hold": "U13 mix"}, {"hold": "U7 fodboldskolen"}],
        categories=["idraet", "boern-unge"],
        target_groups=["boern"],
        policy_areas=["boern-og-unge", "kultur-og-fritid"],
        hours_per_week=4,
        child_certificate=True,
        minimum_age=16,
        suits=("youth",),
    ),
    Role(
        title="Hjælpetræner til gåfodbold {dag}",
        when=("weekdays", "daytime"),
        summary="Sæt baner op og hjælp med opvarmningen, når 60+-holdet spiller gåfodbold {dag} formiddag.",
        description=(
            "Gåfodbold er fodbold uden løb – og uden alder. Hos {org} spiller 30 pensionister hver {dag}, og vi "
            "mangler en hjælpetræner, der kan sætte baner op, lede opvarmningen og dømme kampene.\n\n"
            "Du skal selv være frisk til at gå, og du skal kunne lide at grine."
        ),
        hosts=["gaafodbold-60-plus", "gaafodbold-60-plus"],
        variants=[{"dag": "tirsdag"}, {"dag": "fredag"}],
        categories=["idraet", "aeldre", "sundhed"],
        target_groups=["aeldre"],
        policy_areas=["sundhed", "aeldre"],
        hours_per_week=2,
        suits=("seniors",),
    ),
    Role(
        title="Løbetræner for {hold}",
        when=("weekdays", "evenings"),
        summary="Led {hold} rundt i Søndermarken to aftener om ugen – med opvarmning, intervaller og godt humør.",
        description=(
            "{org} har hold for alle niveauer. Som løbetræner for {hold} planlægger du træningen, løber med og "
            "sørger for, at ingen bliver efterladt.\n\n"
            "Du skal selv kunne løbe 10 km. Klubben betaler DAF's trænerkursus."
        ),
        hosts=["soendermarkens-loebeklub", "soendermarkens-loebeklub"],
        variants=[{"hold": "begynderholdet"}, {"hold": "5 km-holdet"}],
        categories=["idraet", "sundhed"],
        target_groups=["voksne"],
        policy_areas=["sundhed", "kultur-og-fritid"],
        hours_per_week=3,
    ),
    Role(
        title="Instruktør i {aktivitet}",
        when=("weekdays", "daytime"),
        summary="Led {aktivitet} for ældre en formiddag om ugen – musik og en god stol er alt, der skal til.",
        description=(
            "Bevægelse holder kroppen i gang, også når man er over 80. Hos {org} leder du {aktivitet} for 10–15 "
            "deltagere en formiddag om ugen.\n\n"
            "Du får en kort instruktøruddannelse af vores fysioterapeut og et program, du kan følge."
        ),
        hosts=["aktivitetscentret-dalgas-boulevard", "plejecenter-akaciegaarden", "plejecenter-kastanjehusene"],
        variants=[{"aktivitet": "stolegymnastik"}, {"aktivitet": "siddedans"}, {"aktivitet": "balancetræning"}],
        categories=["idraet", "aeldre", "sundhed"],
        target_groups=["aeldre"],
        policy_areas=["sundhed", "aeldre"],
        hours_per_week=1.5,
        wheelchair=True,
        suits=("seniors",),
        card=(
            "Leder holdet efter programmet og holder humøret højt.",
            "Fysioterapeuten laver programmet, vurderer deltagerne og står for individuel genoptræning.",
        ),
    ),
    Role(
        title="Frivillig træner i {aktivitet} i klubben",
        when=("weekdays", "daytime"),
        summary="Lær unge fra 13 til 17 år {aktivitet} – en eftermiddag om ugen i Ungdomsklubben Flintholm.",
        description=(
            "De unge i klubben vil gerne prøve noget nyt. Har du styr på {aktivitet}, kan du starte et hold og "
            "lære fra dig en eftermiddag om ugen.\n\n"
            "Klubbens pædagoger er altid i huset. Vi indhenter børneattest."
        ),
        hosts=["ungdomsklubben-flintholm", "ungdomsklubben-flintholm", "ungdomsklubben-flintholm"],
        variants=[{"aktivitet": "basketball"}, {"aktivitet": "e-sport"}, {"aktivitet": "klatring"}],
        categories=["idraet", "boern-unge"],
        target_groups=["unge"],
        policy_areas=["boern-og-unge", "kultur-og-fritid"],
        hours_per_week=2,
        child_certificate=True,
        minimum_age=18,
        card=(
            "Træner de unge i sit fag og skaber et godt hold.",
            "Pædagogerne har ansvaret for de unge, samarbejdet med forældrene og klubbens hverdag.",
        ),
    ),
    Role(
        title="Cykelpilot på rickshaw",
        summary="Tag ældre med på cykeltur i rickshaw gennem Frederiksberg Have – vind i håret for alle.",
        description=(
            "Mange ældre kan ikke længere cykle selv, men elsker at komme ud. Som cykelpilot hos {org} kører du "
            "en eller to beboere en tur i vores rickshaw, når det passer dig og vejret.\n\n"
            "Du får et pilotkursus på to timer. Du skal kunne cykle og have lyst til en snak undervejs."
        ),
        hosts=["aktivitetscentret-dalgas-boulevard", "plejecenter-kastanjehusene", "plejecenter-akaciegaarden"],
        categories=["aeldre", "idraet", "besoegsven"],
        target_groups=["aeldre"],
        policy_areas=["aeldre", "sundhed"],
        time_commitment="flexible",
        hours_per_week=2,
        minimum_age=18,
        suits=("seniors",),
        card=(
            "Cykler ture med beboerne og holder dem med selskab.",
            "Personalet vurderer, hvem der kan komme med, og hjælper beboerne ind og ud af cyklen.",
        ),
    ),
    # --- libraries and culture --------------------------------------------------------------------------
    Role(
        title="Bibliotekshjælper i IT-caféen {dag}",
        when=("weekdays", "daytime"),
        summary="Hjælp ældre med mobil, computer og MitID i bibliotekets IT-café {dag} kl. 10–12.",
        description=(
            "I IT-caféen hos {org} får borgere hjælp til alt fra at sende et billede til at bruge MitID og "
            "Digital Post. Du sidder med én ad gangen og viser, hvordan man gør – ikke gør det for dem.\n\n"
            "Du skal være tålmodig og vant til at bruge en smartphone. Bibliotekarerne er i huset."
        ),
        hosts=["hovedbiblioteket", "hovedbiblioteket", "biblioteket-godthaabsvej", "biblioteket-godthaabsvej"],
        variants=[{"dag": "tirsdag"}, {"dag": "torsdag"}, {"dag": "onsdag"}, {"dag": "mandag"}],
        categories=["kultur", "aeldre", "praktisk"],
        target_groups=["aeldre"],
        policy_areas=["aeldre", "kultur-og-fritid"],
        hours_per_week=2,
        wheelchair=True,
        suits="youth",
        minimum_age=15,
        card=(
            "Viser borgerne, hvordan de bruger mobil, computer og digitale løsninger.",
            "Bibliotekarerne rådgiver om digital selvbetjening og hjælper i sager, der kræver fuldmagt.",
        ),
    ),
    Role(
        title="Leder af bogcirklen {navn}",
        when=("weekdays", "evenings"),
        summary="Led en bogcirkel med otte læselystne, der mødes en gang om måneden og taler om bøger.",
        description=(
            "Bogcirklen {navn} mødes hos {org} den første tirsdag i måneden. Som leder vælger du bøger sammen med "
            "deltagerne, forbereder et par spørgsmål og sørger for, at alle kommer til orde.\n\n"
            "Biblioteket skaffer bøgerne. Du skal bare elske at læse."
        ),
        hosts=["biblioteket-godthaabsvej", "hovedbiblioteket", "plejeboligerne-rolighedsvej"],
        variants=[{"navn": "Nordiske stemmer"}, {"navn": "Krimiklubben"}, {"navn": "Læs og husk"}],
        categories=["kultur", "aeldre"],
        target_groups=["voksne", "aeldre"],
        policy_areas=["kultur-og-fritid"],
        hours_per_week=1,
        suits=("seniors",),
        card=(
            "Leder samtalen i bogcirklen og vælger bøger sammen med deltagerne.",
            "Personalet skaffer bøgerne, booker lokalet og står for kontakten til deltagerne.",
        ),
    ),
    Role(
        title="Arkivfrivillig: {opgave}",
        when=("weekdays", "daytime"),
        summary="Hjælp Frederiksbergs lokalhistorie med {opgave} – en fast formiddag om ugen i arkivet.",
        description=(
            "I arkivet på Solbjerg Plads ligger tusindvis af fotos, breve og kort, der fortæller Frederiksbergs "
            "historie. Vi søger frivillige til {opgave}.\n\n"
            "Du arbejder sammen med en lille gruppe på {org}s værksted. Erfaring er ikke nødvendig, men omhu er."
        ),
        hosts=["frederiksberg-lokalhistoriske-forening", "frederiksberg-lokalhistoriske-forening", "hovedbiblioteket"],
        variants=[
            {"opgave": "registrering af gamle fotos"},
            {"opgave": "indtastning af folketællinger"},
            {"opgave": "scanning af lokalaviser"},
        ],
        categories=["kultur", "administration"],
        target_groups=["voksne"],
        policy_areas=["kultur-og-fritid"],
        hours_per_week=3,
        suits=("seniors",),
        card=(
            "Registrerer og scanner materialer efter arkivets vejledning.",
            "Arkivaren vurderer materialerne, står for bevaring og besvarer forespørgsler fra borgere.",
        ),
    ),
    Role(
        title="Guide på byvandringer {rute}",
        when=("weekends", "daytime"),
        summary="Fortæl om Frederiksbergs historie på byvandringer {rute} – søndage fra maj til september.",
        description=(
            "Byvandringerne er {org}s populæreste tilbud. Som guide leder du en gruppe på op til 25 rundt {rute} "
            "og fortæller om huse, mennesker og skandaler.\n\n"
            "Du får manuskript, kort og en erfaren guide med de første gange."
        ),
        hosts=["frederiksberg-lokalhistoriske-forening", "frederiksberg-lokalhistoriske-forening"],
        variants=[{"rute": "i Frederiksberg Have"}, {"rute": "langs Gammel Kongevej"}],
        categories=["kultur", "events"],
        target_groups=["voksne"],
        policy_areas=["kultur-og-fritid"],
        time_commitment="short_term",
        hours_per_week=2,
        suits=("seniors",),
    ),
    Role(
        title="Frivillig til {opgave} i teatret",
        when=("weekdays", "evenings"),
        summary="Vær med bag scenen hos {org}: {opgave} til forårets forestilling.",
        description=(
            "{org} spiller to forestillinger om året, og bag scenen er der brug for mange hænder. Vi søger en "
            "frivillig til {opgave}.\n\n"
            "Prøverne er tirsdag og torsdag aften i de sidste seks uger før premieren. Erfaring er et plus, "
            "men vi lærer gerne fra os."
        ),
        hosts=["amatoerteatret-bagscenen", "amatoerteatret-bagscenen", "amatoerteatret-bagscenen"],
        variants=[{"opgave": "lys og lyd"}, {"opgave": "kostumer og sminke"}, {"opgave": "scenografi og kulisser"}],
        categories=["kultur"],
        target_groups=["voksne"],
        policy_areas=["kultur-og-fritid"],
        time_commitment="short_term",
        hours_per_week=5,
        suits=("youth",),
        minimum_age=15,
    ),
    Role(
        title="Sangleder {sted}",
        when=("weekdays", "daytime"),
        summary="Syng de gamle sange med beboerne {sted} – med klaver, guitar eller bare stemmen.",
        description=(
            "Musik når ind, hvor ord ikke længere gør. Hver anden torsdag synger vi fra Højskolesangbogen {sted}, og "
            "vi søger en sangleder, der kan sætte tonen an.\n\n"
            "Kan du spille klaver eller guitar, er det dejligt – men det vigtigste er lysten til at synge."
        ),
        hosts=["plejeboligerne-rolighedsvej", "plejecenter-kastanjehusene", "frederiksberg-folkekor"],
        variants=[
            {"sted": "på Rolighedsvej"},
            {"sted": "i Kastanjehusene"},
            {"sted": "på plejecentrene på Frederiksberg"},
        ],
        categories=["kultur", "aeldre"],
        target_groups=["aeldre"],
        policy_areas=["aeldre", "kultur-og-fritid"],
        hours_per_week=1,
        suits=("seniors",),
        card=(
            "Leder fællessangen og vælger sange sammen med beboerne.",
            "Personalet hjælper beboerne til og fra sangen og tager sig af dem, der har brug for pleje.",
        ),
    ),
    Role(
        title="Strikkeinstruktør for begyndere",
        when=("weekdays", "evenings"),
        summary="Lær nye strikkere at slå masker op – hver onsdag aften på Godthåbsvej.",
        description=(
            "I {org} er der plads til alle, også dem, der aldrig har haft strikkepinde i hånden. Vi søger en "
            "tålmodig instruktør, der vil tage sig af begynderne hver onsdag.\n\n"
            "Vi har garn og pinde. Kaffen er på kanden fra kl. 18."
        ),
        hosts=["strikkeklubben-godthaabsvej"],
        categories=["kultur", "socialt-arbejde"],
        target_groups=["voksne", "ensomme"],
        policy_areas=["kultur-og-fritid"],
        hours_per_week=2,
        suits=("seniors",),
    ),
    # --- nature and environment -------------------------------------------------------------------------
    Role(
        title="Affaldsindsamling {sted}",
        when=("weekends", "daytime"),
        summary="Saml skrald {sted} sammen med andre en lørdag formiddag – tænger, sække og kaffe er klar.",
        description=(
            "Sammen gør vi byen renere. {org} samler affald {sted} en lørdag formiddag, og alle kan være med: "
            "familier, vennegrupper, kolleger og naboer.\n\n"
            "**Praktisk**\n\n"
            "- vi mødes kl. 10 og slutter kl. 12.30\n"
            "- vi har affaldstænger, handsker og sække\n"
            "- bagefter er der kaffe og boller\n\n"
            "Børn er velkomne sammen med en voksen. Du behøver ikke tale dansk."
        ),
        hosts=["faelleshaven-lindevangsparken", "naturgruppen-landbohoejskolens-have", "soendermarkens-loebeklub",
               "nabogruppen-finsensvej", "frivillighedsteamet", "faelleshaven-lindevangsparken"],
        variants=[
            {"sted": "i Lindevangsparken", "place": "lindevangsparken"},
            {"sted": "i Landbohøjskolens Have", "place": "landbohoejskolens-have"},
            {"sted": "i Søndermarken", "place": "soendermarken"},
            {"sted": "langs Den Grønne Sti", "place": "den-groenne-sti"},
            {"sted": "omkring Frederiksberg Runddel", "place": "frederiksberg-runddel"},
            {"sted": "ved Flintholm Station", "place": "flintholm-station"},
        ],
        categories=["natur-miljoe", "events"],
        target_groups=["voksne", "familier"],
        policy_areas=["miljoe"],
        languages=["dansk", "engelsk"],
        time_commitment="one_off",
        one_off_in_days=16,
        no_danish=True,
        suits=("youth", "families", "groups"),
        volunteers_wanted=30,
        card=(
            "Samler affald sammen med de andre frivillige og hjælper med at sortere det bagefter.",
            "Kommunens park- og vejafdeling leverer udstyr, henter affaldet og står for den daglige renholdelse.",
        ),
    ),
    Role(
        title="Park clean-up crew {place_name}",
        when=("weekends", "daytime"),
        summary="Join our international crew picking litter {place_name} one Sunday morning. All languages welcome.",
        description=(
            "Once a month {org} picks litter in one of Frederiksberg's parks. It is a relaxed way to meet people "
            "and do something good for the city.\n\n"
            "We bring grabbers, gloves and bags – you bring good spirits. Coffee afterwards is on us."
        ),
        hosts=["frederiksberg-international-volunteers", "frederiksberg-international-volunteers"],
        variants=[
            {"place_name": "in Frederiksberg Gardens", "place": "frederiksberg-have"},
            {"place_name": "in Søndermarken", "place": "soendermarken"},
        ],
        categories=["natur-miljoe", "events"],
        target_groups=["voksne", "familier"],
        policy_areas=["miljoe", "integration"],
        languages=["engelsk"],
        language="en",
        no_danish=True,
        time_commitment="one_off",
        one_off_in_days=23,
        suits=("families", "groups", "youth"),
        volunteers_wanted=25,
    ),
    Role(
        title="Havefrivillig i {have}",
        when=("weekdays", "daytime"),
        summary="Så, luge og høste i {have} – en eftermiddag om ugen, i godt selskab og med jord under neglene.",
        description=(
            "{org} passer {have}, hvor naboer dyrker grøntsager og blomster sammen. Vi søger frivillige til de "
            "faste havedage, hvor vi sår, luger, vander og høster.\n\n"
            "Du behøver ikke grønne fingre – vi lærer dig det, du skal vide. Redskaber har vi."
        ),
        hosts=["faelleshaven-lindevangsparken", "faelleshaven-lindevangsparken", "naturgruppen-landbohoejskolens-have",
               "skolen-paa-peter-bangs-vej"],
        variants=[
            {"have": "fælleshaven"},
            {"have": "urtehaven og bistaderne"},
            {"have": "naturhaven ved Bülowsvej", "place": "landbohoejskolens-have"},
            {"have": "skolehaven"},
        ],
        categories=["natur-miljoe", "praktisk"],
        target_groups=["voksne", "familier"],
        policy_areas=["miljoe"],
        languages=["dansk", "engelsk"],
        hours_per_week=3,
        no_danish=True,
        suits=("families", "seniors", "youth"),
        card=(
            "Passer bedene sammen med eleverne i skolehaven og viser dem, hvordan man sår og høster.",
            "Lærerne står for undervisningen og har ansvaret for eleverne.",
        ),
    ),
    Role(
        title="Cykelmekaniker i værkstedet {dag}",
        when=("weekdays", "evenings"),
        summary="Hjælp naboer med at reparere deres egne cykler {dag} aften – og lær fra dig.",
        description=(
            "I {org} reparerer folk selv deres cykler med hjælp fra frivillige. Du viser, hvordan man lapper en "
            "slange, justerer bremser og skifter kæde – og hjælper med at sætte genbrugsdele på.\n\n"
            "Du skal kunne det grundlæggende. Værktøj og reservedele er på plads, og du behøver ikke tale dansk."
        ),
        hosts=["cykelvaerkstedet-flintholm", "cykelvaerkstedet-flintholm"],
        variants=[{"dag": "mandag"}, {"dag": "torsdag"}],
        categories=["natur-miljoe", "praktisk"],
        target_groups=["voksne", "unge"],
        policy_areas=["miljoe"],
        languages=["dansk", "engelsk", "polsk"],
        hours_per_week=3,
        no_danish=True,
        suits=("youth",),
        minimum_age=14,
    ),
    Role(
        title="Naturvejleder for børnefamilier",
        when=("weekends", "daytime"),
        summary="Tag børn og forældre med på opdagelse i Landbohøjskolens Have – insekter, træer og fuglesang.",
        description=(
            "{org} holder naturdage for børnefamilier en søndag om måneden. Som naturvejleder leder du en lille "
            "gruppe rundt, finder smådyr med børnene og fortæller om det, I ser.\n\n"
            "Du skal kunne lide børn og natur. Vi indhenter børneattest."
        ),
        hosts=["naturgruppen-landbohoejskolens-have"],
        categories=["natur-miljoe", "boern-unge"],
        target_groups=["boern", "familier"],
        policy_areas=["miljoe", "boern-og-unge"],
        hours_per_week=1,
        child_certificate=True,
        minimum_age=18,
        suits=("families",),
    ),
    # --- events and festivals ---------------------------------------------------------------------------
    Role(
        title="Festivalfrivillig til {festival}",
        when=("weekends", "daytime"),
        summary="Vær med til at skabe {festival}: info, scener, madboder eller oprydning. Én dag, masser af liv.",
        description=(
            "{festival} er et af årets højdepunkter på Frederiksberg, og uden frivillige ingen festival. Du vælger "
            "selv, om du vil stå i informationen, hjælpe ved scenen, i madboderne eller med oprydning.\n\n"
            "**Du får**\n\n"
            "- en festival-T-shirt og forplejning\n"
            "- en vagt på fire til seks timer\n"
            "- et brag af en frivilligfest bagefter\n\n"
            "Tag gerne en ven med – grupper og firmahold er velkomne."
        ),
        hosts=["frivilligcenter-frederiksberg", "frederiksberg-folkekor", "amatoerteatret-bagscenen",
               "soendermarkens-loebeklub", "frivillighedsteamet", "frederiksberg-lokalhistoriske-forening"],
        variants=[
            {"festival": "Frivillig Fredag på Solbjerg Plads", "place": "solbjerg-plads"},
            {"festival": "Korfestivalen i Frederiksberg Have", "place": "frederiksberg-have"},
            {"festival": "Teaterdagen på Bülowsvej"},
            {"festival": "Søndermarksløbet", "place": "soendermarken"},
            {"festival": "Frederiksberg Kulturnat", "place": "solbjerg-plads"},
            {"festival": "Gammel Kongevej-festen", "place": "gammel-kongevej"},
        ],
        categories=["events", "kultur"],
        target_groups=["voksne", "familier"],
        policy_areas=["kultur-og-fritid"],
        languages=["dansk", "engelsk"],
        time_commitment="one_off",
        one_off_in_days=30,
        suits=("youth", "groups", "families"),
        minimum_age=15,
        volunteers_wanted=40,
        card=(
            "Tager vagter i informationen, ved scenen eller med oprydning.",
            "Kommunens medarbejdere planlægger arrangementet og har ansvaret for sikkerhed og tilladelser.",
        ),
    ),
    Role(
        title="Event volunteer: {event}",
        when=("weekends", "daytime"),
        summary="Help run {event} for one day: welcome guests, guide people and keep things tidy. English spoken.",
        description=(
            "{org} runs {event} every year, and it only happens because of volunteers. Pick a shift of four hours, "
            "wear our T-shirt and help guests find their way.\n\n"
            "Friends and colleagues are welcome to sign up as a group. Danish is not needed."
        ),
        hosts=["frederiksberg-international-volunteers", "international-parents-frederiksberg"],
        variants=[
            {"event": "the International Food Market", "place": "solbjerg-plads"},
            {"event": "the Family Fun Day", "place": "frederiksberg-have"},
        ],
        categories=["events", "integration-sprog"],
        target_groups=["voksne", "familier"],
        policy_areas=["kultur-og-fritid", "integration"],
        languages=["engelsk"],
        language="en",
        no_danish=True,
        time_commitment="one_off",
        one_off_in_days=37,
        suits="youth",
        minimum_age=15,
        volunteers_wanted=20,
    ),
    Role(
        title="Frivillig-ambassadør til Frivillig Fredag",
        when=("weekdays", "daytime"),
        summary="Fortæl borgerne om frivilligt arbejde på Frivillig Fredag – og hjælp dem i gang på portalen.",
        description=(
            "Frivillig Fredag er den sidste fredag i september. {org} står med en stand på Solbjerg Plads, og vi "
            "søger ambassadører, der vil fortælle om deres eget frivillige arbejde og hjælpe nye i gang.\n\n"
            "Du får en kort introduktion til portalen og en vagt på tre timer."
        ),
        hosts=["frivillighedsteamet", "frivilligcenter-frederiksberg"],
        variants=[{"place": "solbjerg-plads"}, {"place": "solbjerg-plads"}],
        categories=["events", "raadgivning"],
        target_groups=["voksne"],
        policy_areas=["kultur-og-fritid"],
        time_commitment="one_off",
        one_off_in_days=44,
        suits="youth",
        card=(
            "Fortæller om frivilligt arbejde og hjælper borgere i gang på portalen.",
            "Frivillighedsteamet planlægger dagen og svarer på spørgsmål om kommunens tilbud og puljer.",
        ),
    ),
    Role(
        title="Event photographer for our {event}",
        when=("weekends", "daytime"),
        summary="Take photos at {event} so we can share the day with members and sponsors.",
        description=(
            "We would love good photos from {event}. Bring your own camera, follow our short shot list and share "
            "the best twenty pictures with {org} within a week.\n\n"
            "We only photograph people who have said yes – we will show you how we ask."
        ),
        hosts=["frederiksberg-international-volunteers", "international-parents-frederiksberg"],
        variants=[{"event": "summer picnic"}, {"event": "autumn market"}],
        categories=["events", "kultur"],
        target_groups=["voksne"],
        policy_areas=["kultur-og-fritid"],
        languages=["engelsk"],
        language="en",
        no_danish=True,
        time_commitment="one_off",
        one_off_in_days=51,
        skills="Photography",
    ),
    # --- night walks and social work --------------------------------------------------------------------
    Role(
        title="Nattevandrer {nat}",
        when=("weekends", "evenings"),
        summary="Gå i gaderne {nat} i en gruppe på tre og vær en tryg voksen for byens unge.",
        description=(
            "Nattevandrere går rundt i gule veste og taler med unge, der er ude om natten. Vi griber ikke ind, men "
            "vi er der – og det gør en forskel.\n\n"
            "**Praktisk**\n\n"
            "- vi går {nat} fra kl. 22 til 02, fra {org}\n"
            "- du går med mindst én gang om måneden\n"
            "- du får et introduktionskursus og en erfaren makker\n\n"
            "Du skal være fyldt 18 år."
        ),
        hosts=["natcafeen-frederiksberg", "natcafeen-frederiksberg", "nabogruppen-finsensvej"],
        variants=[
            {"nat": "fredag nat på Frederiksberg Nord"},
            {"nat": "lørdag nat omkring Frederiksberg Centret"},
            {"nat": "fredag nat på Finsensvej og Nordre Fasanvej"},
        ],
        categories=["socialt-arbejde", "boern-unge"],
        target_groups=["unge"],
        policy_areas=["boern-og-unge", "udsatte"],
        hours_per_week=1,
        minimum_age=18,
    ),
    Role(
        title="Nattevagt i Natcaféen ({vagt})",
        when=("weekdays", "weekends", "evenings"),
        summary="Tag en nattevagt om måneden i Natcaféen: varm mad, en seng og en snak for byens hjemløse.",
        description=(
            "Natcaféen er åben hver nat for hjemløse og socialt udsatte. Som frivillig på {vagt} laver du "
            "te og mad, gør senge klar og har tid til at lytte.\n\n"
            "Du er altid sammen med en erfaren vagtleder. Vi forventer én vagt om måneden og et kursus i "
            "konflikthåndtering, som vi betaler."
        ),
        hosts=["natcafeen-frederiksberg", "natcafeen-frederiksberg"],
        variants=[{"vagt": "aftenvagten 22–02"}, {"vagt": "morgenvagten 02–07"}],
        categories=["socialt-arbejde"],
        target_groups=["hjemloese", "psykisk-saarbare"],
        policy_areas=["udsatte"],
        hours_per_week=1.5,
        minimum_age=20,
    ),
    # --- telephone advice and support ------------------------------------------------------------------
    Role(
        title="Telefonrådgiver i {linje}",
        when=("weekdays", "evenings"),
        summary="Tag telefonen i {linje} en aften om ugen – hjemmefra eller fra vores kontor.",
        description=(
            "I {linje} kan man ringe anonymt og tale med et menneske, der lytter. Du tager en vagt på tre timer "
            "om ugen, hjemmefra eller fra {org}.\n\n"
            "**Vi tilbyder**\n\n"
            "- et grundkursus på to weekender\n"
            "- supervision hver måned\n"
            "- en vagtleder, du altid kan ringe til\n\n"
            "Du skal være fyldt 23 år og kunne rumme svære samtaler."
        ),
        hosts=["sorggruppen-frederiksberg", "natcafeen-frederiksberg", "frivilligcenter-frederiksberg",
               "besoegsvennerne-frederiksberg"],
        variants=[
            {"linje": "Sorglinjen"},
            {"linje": "Nattelefonen"},
            {"linje": "Foreningstelefonen"},
            {"linje": "Ældretelefonen"},
        ],
        categories=["raadgivning", "socialt-arbejde"],
        target_groups=["voksne", "ensomme", "paaroerende"],
        policy_areas=["udsatte", "sundhed"],
        hours_per_week=3,
        online=True,
        minimum_age=23,
        card=(
            "Besvarer opkald fra foreninger og borgere og henviser videre, når der er brug for det.",
            "Centrets konsulenter rådgiver om jura, økonomi og fundraising og følger op på sagerne.",
        ),
    ),
    Role(
        title="Samtaleleder i sorggruppen {gruppe}",
        when=("weekdays", "daytime"),
        summary="Led samtalerne i en lille sorggruppe {gruppe} hver anden tirsdag – sammen med en makker.",
        description=(
            "Vi mødes med efterladte hver anden tirsdag i menighedslokalerne på Frederiksberg Allé. Som "
            "samtaleleder {gruppe} skaber du et trygt rum, hvor alle kan fortælle.\n\n"
            "Du skal selv have oplevet et tab, og du tager vores kursus i sorgstøtte, før du starter."
        ),
        hosts=["sorggruppen-frederiksberg", "sorggruppen-frederiksberg"],
        variants=[{"gruppe": "for enker og enkemænd"}, {"gruppe": "for unge, der har mistet en forælder"}],
        categories=["raadgivning", "sundhed"],
        target_groups=["voksne", "paaroerende"],
        policy_areas=["sundhed"],
        hours_per_week=2,
        minimum_age=25,
    ),
    Role(
        title="Frivillig {raadgiver}",
        when=("weekdays", "daytime"),
        summary="Giv gratis råd om {emne} til borgere og foreninger én eftermiddag om ugen.",
        description=(
            "Mange mangler hjælp til {emne}, men har ikke råd til en rådgiver. Hos {org} sidder du med én borger "
            "eller forening ad gangen og hjælper dem videre.\n\n"
            "Du skal have faglig baggrund inden for {emne}. Vi sørger for lokale, kaffe og en fast kollega."
        ),
        hosts=["frivilligcenter-frederiksberg", "natcafeen-frederiksberg", "frivilligcenter-frederiksberg"],
        variants=[
            {"raadgiver": "økonomirådgiver", "emne": "budget og gæld"},
            {"raadgiver": "socialrådgiver", "emne": "breve fra det offentlige"},
            {"raadgiver": "regnskabshjælper for foreninger", "emne": "foreningsregnskab"},
        ],
        categories=["raadgivning"],
        target_groups=["voksne", "hjemloese"],
        policy_areas=["udsatte"],
        hours_per_week=3,
        skills="Faglig baggrund i økonomi, jura eller socialt arbejde",
        card=(
            "Giver råd og vejledning til borgere og foreninger i deres konkrete spørgsmål.",
            "Centrets ansatte konsulenter har ansvaret for sager, der kræver myndighedsbehandling.",
        ),
    ),
    Role(
        title="Mentor for en ung {maalgruppe}",
        summary="Vær en voksen, en ung kan regne med: en time om ugen med lektier, fremtidsplaner og snak.",
        description=(
            "En mentor er en fast voksen uden for familien og skolen. Du mødes med en ung {maalgruppe} en gang om "
            "ugen – til en gåtur, en kop kakao eller lektier – og hjælper med det, der fylder.\n\n"
            "{org} matcher jer og følger op. Du skal kunne være med i mindst et år."
        ),
        hosts=["ungdomsklubben-flintholm", "kvindenetvaerket-sammen", "frivilligcenter-frederiksberg"],
        variants=[
            {"maalgruppe": "i klubben"},
            {"maalgruppe": "pige med minoritetsbaggrund"},
            {"maalgruppe": "der er droppet ud af uddannelse"},
        ],
        categories=["boern-unge", "socialt-arbejde"],
        target_groups=["unge"],
        policy_areas=["boern-og-unge", "udsatte"],
        hours_per_week=1.5,
        child_certificate=True,
        minimum_age=20,
        card=(
            "Mødes med den unge hver uge og er en stabil voksen i den unges liv.",
            "Pædagogerne og UU-vejlederne har ansvaret for den unges forløb og for kontakten til forældrene.",
        ),
    ),
    # --- practical help ---------------------------------------------------------------------------------
    Role(
        title="Nabohjælper: {opgave}",
        summary="Hjælp en ældre nabo med {opgave} – når det passer dig, tæt på hvor du bor.",
        description=(
            "I {org} hjælper naboer hinanden. Mange ældre har brug for en hånd til {opgave}, og det tager ofte kun "
            "en halv time.\n\n"
            "Du får besked, når en nabo i nærheden beder om hjælp, og siger selv ja eller nej."
        ),
        hosts=["nabogruppen-finsensvej", "nabogruppen-finsensvej", "besoegsvennerne-frederiksberg"],
        variants=[
            {"opgave": "at skifte pærer og hænge billeder op"},
            {"opgave": "indkøb og at bære varer op"},
            {"opgave": "at følge til læge"},
        ],
        categories=["praktisk", "aeldre"],
        target_groups=["aeldre"],
        policy_areas=["aeldre"],
        time_commitment="flexible",
        suits="families",
        minimum_age=15,
    ),
    Role(
        title="IT-makker for ældre {sted}",
        when=("weekdays", "daytime"),
        summary="Hjælp ældre med tablet og videoopkald til familien {sted} – en formiddag om ugen.",
        description=(
            "Et videoopkald til barnebarnet kan gøre hele ugen bedre. Som IT-makker {sted} hjælper du ældre med "
            "at bruge tablet, mobil og videoopkald.\n\n"
            "Du skal være tålmodig og selv bruge en smartphone dagligt. {org} stiller tablets til rådighed."
        ),
        hosts=["aktivitetscentret-dalgas-boulevard", "plejecenter-kastanjehusene", "frivilligcenter-frederiksberg"],
        variants=[{"sted": "i aktivitetscentret"}, {"sted": "i Kastanjehusene"}, {"sted": "i frivilligcentret"}],
        categories=["aeldre", "praktisk"],
        target_groups=["aeldre"],
        policy_areas=["aeldre"],
        hours_per_week=2,
        suits=("youth",),
        minimum_age=15,
        wheelchair=True,
        card=(
            "Viser de ældre, hvordan de bruger tablet og videoopkald.",
            "Personalet står for pleje og træning og for kontakten til de pårørende.",
        ),
    ),
    Role(
        title="Cafévært i {cafe}",
        when=("weekdays", "daytime"),
        summary="Stå i {cafe}: kaffe, kage og en god snak med gæsterne. Én vagt om ugen.",
        description=(
            "{cafe} drives af frivillige og er et mødested for mange. Du brygger kaffe, sælger kage og sørger for, "
            "at nye gæster føler sig velkomne.\n\n"
            "Du får et hygiejnekursus og faste vagter, der passer dig."
        ),
        hosts=["aktivitetscentret-dalgas-boulevard", "hovedbiblioteket", "frivilligcenter-frederiksberg"],
        variants=[{"cafe": "Dalgas-caféen"}, {"cafe": "Kulturhusets café"}, {"cafe": "Frivilligcaféen"}],
        categories=["praktisk", "socialt-arbejde"],
        target_groups=["aeldre", "voksne"],
        policy_areas=["aeldre", "kultur-og-fritid"],
        hours_per_week=3,
        suits=("seniors",),
        wheelchair=True,
        card=(
            "Står i caféen og tager sig af gæsterne.",
            "Personalet har ansvaret for økonomien, indkøb og hygiejnen og for aktiviteterne i huset.",
        ),
    ),
    Role(
        title="Ledsager på udflugter {tur}",
        when=("daytime",),
        summary="Tag med {tur} og hjælp deltagerne med at få en god dag ude.",
        description=(
            "Nogle gange om året tager {org} {hvem} med {tur}. Som ledsager skubber du kørestol, hjælper ved "
            "bordet og er selskab hele dagen.\n\n"
            "Du får besked om turene i god tid og melder dig til dem, du kan."
        ),
        hosts=["plejecenter-akaciegaarden", "plejeboligerne-rolighedsvej", "aktivitetscentret-dalgas-boulevard"],
        variants=[
            {"tur": "på tur til Dyrehavsbakken", "hvem": "beboerne"},
            {"tur": "til sommerkoncert i Frederiksberg Have", "hvem": "beboerne"},
            {"tur": "på sommerudflugt til Zoologisk Have", "hvem": "centrets brugere"},
        ],
        categories=["aeldre", "events"],
        target_groups=["aeldre", "handicap"],
        policy_areas=["aeldre", "handicap"],
        time_commitment="short_term",
        minimum_age=18,
        suits=("seniors",),
        card=(
            "Ledsager deltagerne på turen og hjælper dem med at få en god dag.",
            "Personalet planlægger turen, har ansvaret for deltagerne og giver pleje og medicin.",
        ),
    ),
    # --- boards and communication ---------------------------------------------------------------------------
    Role(
        title="{post} til bestyrelsen",
        when=("weekdays", "evenings"),
        summary="{org} søger en {post_lower} til bestyrelsen – fire møder om året og en hånd, når der er brug for den.",
        description=(
            "Bestyrelsen i {org} holder fire møder om året og sørger for, at foreningen har det godt. Vi søger en "
            "{post_lower}, der har lyst til at tage ansvar.\n\n"
            "Frivilligcentret tilbyder gratis kurser i foreningsdrift og regnskab."
        ),
        hosts=["boldklubben-falkonerne", "amatoerteatret-bagscenen", "frederiksberg-lokalhistoriske-forening",
               "frederiksberg-folkekor", "kvindenetvaerket-sammen", "lektiecafe-solbjerg"],
        variants=[
            {"post": "Kasserer", "post_lower": "kasserer"},
            {"post": "Sekretær", "post_lower": "sekretær"},
            {"post": "Næstformand", "post_lower": "næstformand"},
            {"post": "Kasserer", "post_lower": "kasserer"},
            {"post": "Nyt medlem", "post_lower": "ny stemme"},
            {"post": "Økonomiansvarlig", "post_lower": "økonomiansvarlig"},
        ],
        categories=["administration"],
        target_groups=["voksne"],
        policy_areas=["kultur-og-fritid"],
        hours_per_week=1,
        minimum_age=18,
    ),
    Role(
        title="Frivillig til {kanal}",
        summary="Fortæl om {org}s arbejde på {kanal} – et par timer om ugen, hjemmefra.",
        description=(
            "Vi laver meget godt, men fortæller for lidt om det. Har du styr på {kanal}, kan du hjælpe {org} med at "
            "nå flere frivillige og deltagere.\n\n"
            "Du arbejder hjemmefra og mødes med bestyrelsen en gang om måneden."
        ),
        hosts=["frivilligcenter-frederiksberg", "frederiksberg-folkekor", "amatoerteatret-bagscenen",
               "lektiecafe-velkommen", "soendermarkens-loebeklub"],
        variants=[
            {"kanal": "sociale medier"},
            {"kanal": "hjemmesiden og nyhedsbrevet"},
            {"kanal": "plakater og flyers"},
            {"kanal": "sociale medier"},
            {"kanal": "nyhedsbrevet"},
        ],
        categories=["administration"],
        target_groups=["voksne"],
        policy_areas=["kultur-og-fritid"],
        online=True,
        time_commitment="flexible",
        hours_per_week=2,
        card=(
            "Skriver opslag og nyheder om frivilligt arbejde i kommunen.",
            "Kommunikationsafdelingen godkender opslag og står for kommunens egne kanaler.",
        ),
    ),
]


def slug_hash(*parts: str) -> int:
    return int(hashlib.sha256("|".join(parts).encode()).hexdigest(), 16)


def _place_for(host: str, variant: dict) -> tuple:
    return OUTDOORS[variant["place"]] if "place" in variant else PLACES[host]


def _dates(role: Role, seed: int, today: date) -> dict:
    """Deadlines in the future; one-off roles get a day (and a deadline a few days before it)."""
    if role.one_off_in_days is not None:
        day = today + timedelta(days=role.one_off_in_days + seed % 21)
        return {"start_date": day, "end_date": day, "application_deadline": day - timedelta(days=3)}
    if role.time_commitment == "short_term":
        start = today + timedelta(days=14 + seed % 30)
        return {"start_date": start, "end_date": start + timedelta(days=60), "application_deadline": start}
    return {"start_date": None, "end_date": None, "application_deadline": today + timedelta(days=21 + seed % 70)}


def when_fields(role: Role, variant: dict) -> dict:
    """The when_* fields of one opportunity: the role's times, with the variant's weekday and start time."""
    when = set(role.when)
    day = (variant.get("dag") or variant.get("day") or "").casefold()
    if day:
        when -= {"weekdays", "weekends"}
        when.add("weekends" if day in WEEKEND_DAYS else "weekdays")
    if "tid" in variant:
        start_hour = int(variant["tid"].split("–")[0].split(".")[0])
        when -= {"daytime", "evenings"}
        when.add("evenings" if start_hour >= EVENING_FROM_HOUR else "daytime")
    return {f"when_{name}": name in when for name in WHEN}


def _published_days_ago(role: Role, seed: int) -> int:
    standing = role.time_commitment in ("regular", "flexible")
    return 1 + seed % (STANDING_PUBLISHED_DAYS if standing else RECENT_PUBLISHED_DAYS)


def _slots(host: str, organisation_names: dict, variant: dict) -> dict:
    return {"org": organisation_names[host], **variant}


def opportunity_spec(role: Role, host: str, variant: dict, organisation_names: dict, today: date) -> dict:
    """The fields of one opportunity, from a role, its host and the host's variant."""
    slots = _slots(host, organisation_names, variant)
    seed = slug_hash(host, role.title, str(sorted(variant.items())))
    street, postcode, area, latitude, longitude = _place_for(host, variant)
    fields = {
        "title": role.title.format_map(slots),
        "summary": role.summary.format_map(slots),
        "description": role.description.format_map(slots),
        "language": role.language,
        "skills": role.skills,
        "time_commitment": role.time_commitment,
        "hours_per_week": decimal(role.hours_per_week),
        "is_online": role.online,
        "wheelchair_accessible": role.wheelchair,
        "no_danish_required": role.no_danish,
        "requires_child_certificate": role.child_certificate,
        "minimum_age": role.minimum_age,
        "volunteers_wanted": role.volunteers_wanted or 1 + seed % 6,
        **{f"suits_{name}": name in role.suits for name in ("youth", "seniors", "families", "groups")},
        **when_fields(role, variant),
        **_dates(role, seed, today),
    }
    if not role.online:
        fields |= {"street_address": street, "postcode": postcode, "city": city_for(postcode),
                   "latitude": decimal(latitude), "longitude": decimal(longitude)}
    return {
        "organisation": host,
        "fields": fields,
        "area": variant.get("area", area) if not role.online else "hele-kommunen",
        "categories": role.categories,
        "target_groups": role.target_groups,
        "policy_areas": role.policy_areas,
        "languages": role.languages,
        "card": role.card,
        "published_days_ago": _published_days_ago(role, seed),
    }


def decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def city_for(postcode: str) -> str:
    return "Frederiksberg" if postcode == "2000" else "Frederiksberg C"


def opportunity_specs(organisation_names: dict, today: date) -> list[dict]:
    """Every demo opportunity as a spec: host i of a role gets the role's variant i (cycling)."""
    specs = []
    for role in ROLES:
        for index, host in enumerate(role.hosts):
            variant = role.variants[index % len(role.variants)]
            specs.append(opportunity_spec(role, host, variant, organisation_names, today))
    return specs
