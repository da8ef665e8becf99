"""The demo's content: organisations, people and profiles drawn from what Frederiksberg has.

Everything here is fictional: the organisations and people are invented, CVR numbers are generated (valid by
the modulus-11 rule, but not looked up), e-mail addresses are at example.org. Street and place names are real
Frederiksberg ones, so the demo looks like home. `manage.py seed_demo` loads it; the cast (ane, erik, bo, …)
and their organisations A, B, U and the volunteer team come from `frivillig.core.cast`.

Areas and categories are referred to by the slugs in `frivillig.core.defaults`.
"""

# Demo users besides the cast. Their e-mail is <key>@example.org and their password the cast's.
PEOPLE = {
    "mette.jensen": "Mette Jensen",
    "lars.nielsen": "Lars Nielsen",
    "hanne.pedersen": "Hanne Pedersen",
    "soeren.andersen": "Søren Andersen",
    "kirsten.christensen": "Kirsten Christensen",
    "jens.larsen": "Jens Larsen",
    "birgitte.soerensen": "Birgitte Sørensen",
    "peter.rasmussen": "Peter Rasmussen",
    "lene.joergensen": "Lene Jørgensen",
    "morten.petersen": "Morten Petersen",
    "camilla.madsen": "Camilla Madsen",
    "anders.kristiansen": "Anders Kristiansen",
    "sofie.olsen": "Sofie Olsen",
    "mikkel.thomsen": "Mikkel Thomsen",
    "ida.poulsen": "Ida Poulsen",
    "rasmus.johansen": "Rasmus Johansen",
    "louise.moeller": "Louise Møller",
    "niels.mortensen": "Niels Mortensen",
    "karen.knudsen": "Karen Knudsen",
    "thomas.jakobsen": "Thomas Jakobsen",
    "amira.hassan": "Amira Hassan",
    "yusuf.demir": "Yusuf Demir",
    "emma.wilson": "Emma Wilson",
    "maria.kowalska": "Maria Kowalska",
    "poul.berg": "Poul Berg",
    "susanne.bech": "Susanne Bech",
    "henrik.kjaer": "Henrik Kjær",
    "marianne.holst": "Marianne Holst",
    "jesper.vinther": "Jesper Vinther",
    "annemette.lauridsen": "Anne Mette Lauridsen",
    "bente.dahl": "Bente Dahl",
    "kasper.lind": "Kasper Lind",
    "lone.krogh": "Lone Krogh",
    "freja.dam": "Freja Dam",
    "ahmad.rahimi": "Ahmad Rahimi",
}

# People who prefer the portal in English.
ENGLISH_SPEAKERS = {"emma.wilson", "maria.kowalska"}

# Areas and categories for the cast's organisations, which `build_cast()` creates without them, and profile
# fields to fill in where they are blank.
CAST_ORGANISATION_DETAILS = {
    "A": {"areas": ["frederiksberg-c", "hele-kommunen"], "categories": ["besoegsven", "aeldre", "socialt-arbejde"]},
    "B": {"areas": ["frederiksberg-c"], "categories": ["lektiehjaelp", "boern-unge"]},
    "U": {"areas": ["nord"], "categories": ["aeldre", "besoegsven"]},
    "team": {
        "areas": ["hele-kommunen"],
        "categories": ["administration", "raadgivning"],
        "fields": {
            "street_address": "Frederiksberg Rådhus, Smallegade 1",
            "postcode": "2000",
            "city": "Frederiksberg",
            "contact_email": "frivillighedsteamet@example.org",
        },
    },
}

# kind: association (gets a generated CVR), informal_group or municipal_unit (neither has a CVR).
# City follows from the postcode: 2000 is "Frederiksberg", 1800–1999 "Frederiksberg C".
ORGANISATIONS = [
    # --- social work ---------------------------------------------------------------------------------
    {
        "slug": "frederiksberg-besoegstjeneste",
        "name": "Frederiksberg Besøgstjeneste",
        "kind": "association",
        "description": "Vi er den lokale afdeling af en landsdækkende humanitær organisation og formidler "
        "besøgsvenner til ældre og ensomme borgere på Frederiksberg. Som besøgsven ses du med den samme person "
        "en gang om ugen til kaffe, en gåtur eller en tur på biblioteket. Du får et introduktionskursus og kan "
        "deltage i vores månedlige netværksmøder.",
        "street_address": "Falkoner Allé 58",
        "postcode": "2000",
        "contact_email": "besoegstjeneste@example.org",
        "website": "https://besoegstjeneste.example.org",
        "areas": ["hele-kommunen"],
        "categories": ["besoegsven", "aeldre", "socialt-arbejde"],
        "verified": True,
        "admin": "mette.jensen",
        "editors": ["lars.nielsen"],
    },
    {
        "slug": "natcafeen-frederiksberg",
        "name": "Natcaféen på Frederiksberg",
        "kind": "association",
        "description": "Natcaféen holder åbent hver nat fra kl. 22 til 7 for hjemløse og socialt udsatte. Vi "
        "tilbyder varm mad, en seng, et bad og en snak med en frivillig, der har tid til at lytte. Frivillige "
        "tager én nattevagt om måneden sammen med en erfaren vagtleder.",
        "street_address": "Nyelandsvej 40",
        "postcode": "2000",
        "contact_email": "natcafeen@example.org",
        "areas": ["nord", "hele-kommunen"],
        "categories": ["socialt-arbejde", "raadgivning"],
        "verified": True,
        "admin": "soeren.andersen",
        "editors": ["kirsten.christensen"],
    },
    {
        "slug": "sorggruppen-frederiksberg",
        "name": "Sorggruppen på Frederiksberg",
        "kind": "informal_group",
        "description": "Vi er en lille gruppe frivillige, der mødes med efterladte, som har mistet en ægtefælle "
        "eller en forælder. Hver anden tirsdag drikker vi kaffe i menighedslokalerne på Frederiksberg Allé, og "
        "vi går tur i Frederiksberg Have, når vejret er til det. Alle frivillige har selv oplevet et tab og har "
        "gennemført et kursus i sorgstøtte.",
        "street_address": "Frederiksberg Allé 44",
        "postcode": "1820",
        "contact_email": "sorggruppen@example.org",
        "areas": ["frederiksberg-c"],
        "categories": ["raadgivning", "sundhed", "socialt-arbejde"],
        "verified": True,
        "admin": "hanne.pedersen",
        "editors": [],
    },
    # --- sport ---------------------------------------------------------------------------------------
    {
        "slug": "boldklubben-falkonerne",
        "name": "Boldklubben Falkonerne",
        "kind": "association",
        "description": "Børne- og ungdomsfodbold for alle fra 5 til 18 år med træning på kunstgræsbanerne i "
        "Frederiksberg Idrætspark. Vi mangler altid frivillige trænere, holdledere og hjælpere til vores stævner "
        "og sommerfodboldskole. Du behøver ikke selv at have spillet – vi sender dig på trænerkursus.",
        "street_address": "Frederiksberg Idrætspark, Jens Jessens Vej 22",
        "postcode": "2000",
        "contact_email": "falkonerne@example.org",
        "website": "https://falkonerne.example.org",
        "areas": ["vest"],
        "categories": ["idraet", "boern-unge"],
        "verified": True,
        "admin": "jens.larsen",
        "editors": ["mikkel.thomsen", "rasmus.johansen"],
    },
    {
        "slug": "gaafodbold-60-plus",
        "name": "Gåfodbold 60+",
        "kind": "informal_group",
        "description": "Vi spiller fodbold i gåtempo hver onsdag formiddag på banen ved Grøndalsparken – uden løb, "
        "tacklinger og hovedstød. Holdet er for alle over 60, og mange af os havde ikke rørt en bold i 40 år. "
        "Vi søger en frivillig, der vil stå for opvarmningen og kaffen efter kampen.",
        "street_address": "Grøndalsparken ved Flintholm",
        "postcode": "2000",
        "contact_email": "gaafodbold@example.org",
        "areas": ["vest", "nord"],
        "categories": ["idraet", "aeldre", "sundhed"],
        "verified": False,
        "admin": "poul.berg",
        "editors": [],
    },
    {
        "slug": "soendermarkens-loebeklub",
        "name": "Søndermarkens Løbeklub",
        "kind": "association",
        "description": "Vi løber i Søndermarken og Frederiksberg Have tirsdag og torsdag kl. 17.30 og søndag kl. 9 "
        "– fra begynderhold til maratonløbere. Klubben drives af frivillige trænere, og hvert år arrangerer vi "
        "motionsløbet Søndermarksløbet. Nye trænere og hjælpere til løbet er meget velkomne.",
        "street_address": "Søndermarken, indgangen ved Roskildevej",
        "postcode": "2000",
        "contact_email": "loebeklubben@example.org",
        "areas": ["syd"],
        "categories": ["idraet", "sundhed", "events"],
        "verified": False,
        "admin": "camilla.madsen",
        "editors": ["anders.kristiansen"],
    },
    # --- culture -------------------------------------------------------------------------------------
    {
        "slug": "frederiksberg-lokalhistoriske-forening",
        "name": "Frederiksberg Lokalhistoriske Forening",
        "kind": "association",
        "description": "Vi samler, bevarer og fortæller Frederiksbergs historie – fra landsbyen ved Allégade til "
        "nutidens by. Foreningen arrangerer byvandringer og foredrag og udgiver et årsskrift. Frivillige "
        "registrerer gamle fotografier, guider byvandringer og interviewer ældre frederiksbergere om deres "
        "erindringer.",
        "street_address": "Solbjerg Plads 1",
        "postcode": "2000",
        "contact_email": "lokalhistorie@example.org",
        "website": "https://lokalhistorie.example.org",
        "areas": ["hele-kommunen"],
        "categories": ["kultur", "aeldre"],
        "verified": True,
        "admin": "karen.knudsen",
        "editors": ["peter.rasmussen"],
    },
    {
        "slug": "frederiksberg-folkekor",
        "name": "Frederiksberg Folkekor",
        "kind": "association",
        "description": "Et rummeligt kor med 60 sangere i alle aldre, der øver hver mandag aften på Værnedamsvej "
        "og giver koncerter til jul og sankthans. Vi synger alt fra danske sange til gospel og popklassikere, og "
        "ingen behøver at kunne læse noder. Vi søger frivillige til koncerterne, kagebordet og vores nyhedsbrev.",
        "street_address": "Værnedamsvej 12",
        "postcode": "1819",
        "contact_email": "folkekoret@example.org",
        "areas": ["frederiksberg-c"],
        "categories": ["kultur", "events"],
        "verified": True,
        "admin": "birgitte.soerensen",
        "editors": [],
    },
    {
        "slug": "amatoerteatret-bagscenen",
        "name": "Amatørteatret Bagscenen",
        "kind": "association",
        "description": "Bagscenen er et amatørteater, der sætter to forestillinger op om året i en lille sal på "
        "Bülowsvej. Vi har brug for både skuespillere og frivillige til scenografi, kostumer, lys, lyd og "
        "billetsalg. Alle kan være med, uanset erfaring.",
        "street_address": "Bülowsvej 10",
        "postcode": "1870",
        "contact_email": "bagscenen@example.org",
        "areas": ["frederiksberg-c", "oest"],
        "categories": ["kultur"],
        "verified": False,
        "admin": "morten.petersen",
        "editors": ["ida.poulsen"],
    },
    # --- environment ---------------------------------------------------------------------------------
    {
        "slug": "faelleshaven-lindevangsparken",
        "name": "Fælleshaven i Lindevangsparken",
        "kind": "association",
        "description": "Vi dyrker grøntsager, krydderurter og blomster i højbede i Lindevangsparken, og høsten "
        "deler vi med hinanden og med Natcaféen. Haven er åben for alle naboer, og vi holder fælles havedag hver "
        "lørdag fra april til oktober. Ingen erfaring kræves – kun lyst til at få jord under neglene.",
        "street_address": "Lindevangsparken ved Peter Bangs Vej",
        "postcode": "2000",
        "contact_email": "faelleshaven@example.org",
        "areas": ["vest"],
        "categories": ["natur-miljoe", "praktisk"],
        "verified": False,
        "admin": "louise.moeller",
        "editors": [],
    },
    {
        "slug": "cykelvaerkstedet-flintholm",
        "name": "Cykelværkstedet Flintholm",
        "kind": "association",
        "description": "Vi reparerer cykler sammen med borgerne og lærer dem at gøre det selv – gratis og med brugte "
        "reservedele. Værkstedet har åbent tirsdag og torsdag fra 16 til 19. Kasserede cykler fra kommunens "
        "oprydninger sætter vi i stand og giver videre til familier, der mangler en.",
        "street_address": "Flintholm Allé 8",
        "postcode": "2000",
        "contact_email": "cykelvaerkstedet@example.org",
        "areas": ["vest"],
        "categories": ["natur-miljoe", "praktisk"],
        "verified": True,
        "admin": "thomas.jakobsen",
        "editors": ["rasmus.johansen"],
    },
    {
        "slug": "naturgruppen-landbohoejskolens-have",
        "name": "Naturgruppen i Landbohøjskolens Have",
        "kind": "informal_group",
        "description": "Vi er naturinteresserede naboer, der en søndag om måneden tæller fugle, registrerer "
        "insekter og viser familier rundt i Landbohøjskolens Have. Vores observationer indberetter vi til de "
        "landsdækkende databaser. Tag kikkerten med – eller lån en af vores.",
        "street_address": "Thorvaldsensvej 40",
        "postcode": "1871",
        "contact_email": "naturgruppen@example.org",
        "areas": ["oest"],
        "categories": ["natur-miljoe", "boern-unge"],
        "verified": False,
        "admin": "niels.mortensen",
        "editors": [],
    },
    # --- integration ---------------------------------------------------------------------------------
    {
        "slug": "sprogcafeen-hovedbiblioteket",
        "name": "Sprogcaféen på Hovedbiblioteket",
        "kind": "association",
        "description": "Hver torsdag fra 16 til 18 mødes nye og gamle frederiksbergere på Hovedbiblioteket for at "
        "tale dansk sammen over en kop kaffe. Frivillige sidder ved bordene og hjælper samtalen i gang – om alt "
        "fra madlavning til jobsøgning. Du behøver ingen undervisningserfaring, kun tålmodighed og lyst til at "
        "snakke.",
        "street_address": "Solbjerg Plads 1",
        "postcode": "2000",
        "contact_email": "sprogcafeen@example.org",
        "areas": ["hele-kommunen"],
        "categories": ["integration-sprog"],
        "verified": True,
        "admin": "lene.joergensen",
        "editors": ["amira.hassan"],
    },
    {
        "slug": "lektiecafe-velkommen",
        "name": "Lektiecafé Velkommen",
        "kind": "association",
        "description": "Lektiecafé for børn og unge med flygtningebaggrund hver mandag og onsdag efter skole. "
        "Frivillige hjælper med matematik, dansk og engelsk og er en voksen, der har tid. Vi samarbejder med "
        "skolerne på Frederiksberg og indhenter børneattest for alle frivillige.",
        "street_address": "Nordre Fasanvej 130",
        "postcode": "2000",
        "contact_email": "lektiecafe.velkommen@example.org",
        "areas": ["nord"],
        "categories": ["lektiehjaelp", "integration-sprog", "boern-unge"],
        "verified": True,
        "admin": "yusuf.demir",
        "editors": ["sofie.olsen"],
    },
    {
        "slug": "kvindenetvaerket-sammen",
        "name": "Kvindenetværket Sammen",
        "kind": "association",
        "description": "Et netværk for kvinder med anden etnisk baggrund end dansk og deres danske veninder. Vi "
        "mødes hver fredag på Howitzvej til madlavning, cykeltræning og ture i byen, og vi hjælper hinanden med "
        "breve fra kommunen og jobsøgning. Frivillige mentorer følger en kvinde i et halvt år.",
        "street_address": "Howitzvej 52",
        "postcode": "2000",
        "contact_email": "kvindenetvaerket@example.org",
        "areas": ["nord", "vest"],
        "categories": ["integration-sprog", "socialt-arbejde"],
        "verified": False,
        "admin": "amira.hassan",
        "editors": [],
    },
    {
        "slug": "frederiksberg-international-volunteers",
        "name": "Frederiksberg International Volunteers",
        "kind": "informal_group",
        "description_language": "en",
        "description": "A network for internationals living in Frederiksberg who want to give something back to "
        "their new city. We organise monthly volunteer days with local associations, from clean-ups in "
        "Søndermarken to reading with residents at the care homes. Everything happens in English, and no Danish "
        "is required.",
        "street_address": "Gammel Kongevej 110",
        "postcode": "1850",
        "contact_email": "international.volunteers@example.org",
        "areas": ["hele-kommunen"],
        "categories": ["events", "integration-sprog", "natur-miljoe"],
        "verified": True,
        "admin": "emma.wilson",
        "editors": [],
    },
    {
        "slug": "international-parents-frederiksberg",
        "name": "International Parents' Network Frederiksberg",
        "kind": "association",
        "description_language": "en",
        "description": "We help English-speaking families settle in Frederiksberg with playgroups, a Saturday swap "
        "market for children's clothes and a buddy scheme that pairs newcomers with families who have lived here "
        "for a while. Volunteers run the playgroups, the swap market and our welcome evenings at Hovedbiblioteket.",
        "street_address": "Vesterbrogade 185",
        "postcode": "1800",
        "contact_email": "international.parents@example.org",
        "areas": ["frederiksberg-c"],
        "categories": ["boern-unge", "integration-sprog", "events"],
        "verified": False,
        "admin": "maria.kowalska",
        "editors": ["emma.wilson"],
    },
    # --- informal groups -----------------------------------------------------------------------------
    {
        "slug": "nabogruppen-finsensvej",
        "name": "Nabogruppen Finsensvej",
        "kind": "informal_group",
        "description": "Vi er naboer omkring Finsensvej, der hjælper hinanden i hverdagen: indkøb til dem, der ikke "
        "selv kan, en hånd til at bære eller skrue og gårdfest i august. Vi har en fælles opslagstavle og en "
        "telefonkæde for de ældre i opgangene.",
        "street_address": "Finsensvej 70",
        "postcode": "2000",
        "contact_email": "nabogruppen.finsensvej@example.org",
        "areas": ["nord"],
        "categories": ["praktisk", "aeldre"],
        "verified": False,
        "admin": "lars.nielsen",
        "editors": ["kirsten.christensen"],
    },
    {
        "slug": "strikkeklubben-godthaabsvej",
        "name": "Strikkeklubben på Godthåbsvej",
        "kind": "informal_group",
        "description": "Hver onsdag eftermiddag strikker vi i avislæsesalen på biblioteket på Godthåbsvej. Huer, "
        "vanter og tæpper går til Natcaféen og til beboerne på plejecentrene. Begyndere er velkomne – vi lærer "
        "gerne fra os.",
        "street_address": "Godthåbsvej 41",
        "postcode": "2000",
        "contact_email": "strikkeklubben@example.org",
        "areas": ["nord"],
        "categories": ["kultur", "socialt-arbejde"],
        "verified": True,
        "admin": "kirsten.christensen",
        "editors": [],
    },
    # --- municipal units -----------------------------------------------------------------------------
    {
        "slug": "plejecenter-kastanjehusene",
        "name": "Plejecenter Kastanjehusene",
        "kind": "municipal_unit",
        "description": "Kastanjehusene er et kommunalt plejecenter med 64 boliger i fire husfællesskaber omkring en "
        "fælles have. Frivillige læser avis højt, spiller banko, går ture i Frederiksberg Have og hjælper ved "
        "sommerfesten. Personalet står for pleje og omsorg; de frivillige giver tid og selskab.",
        "street_address": "Kastanievej 12",
        "postcode": "1876",
        "contact_email": "kastanjehusene@example.org",
        "areas": ["oest"],
        "categories": ["aeldre", "besoegsven"],
        "admin": "susanne.bech",
        "editors": [],
    },
    {
        "slug": "plejeboligerne-rolighedsvej",
        "name": "Plejeboligerne på Rolighedsvej",
        "kind": "municipal_unit",
        "description": "Et mindre plejehjem med 36 beboere, mange af dem med demens. Vi søger frivillige til sang og "
        "musik, til korte gåture og til eftermiddagskaffen. Du får en introduktion til at være sammen med "
        "mennesker med demens, før du starter.",
        "street_address": "Rolighedsvej 14",
        "postcode": "1958",
        "contact_email": "rolighedsvej@example.org",
        "areas": ["oest"],
        "categories": ["aeldre", "sundhed"],
        "admin": "henrik.kjaer",
        "editors": [],
    },
    {
        "slug": "hovedbiblioteket",
        "name": "Hovedbiblioteket",
        "kind": "municipal_unit",
        "description": "Frederiksbergs største bibliotek ved Solbjerg Plads med udlån, læsesale, makerspace og "
        "Kulturhuset. Frivillige læser højt for børn, hjælper ældre med computer og mobil i IT-caféen og er "
        "værter ved foredrag og sprogcafé.",
        "street_address": "Solbjerg Plads 1",
        "postcode": "2000",
        "contact_email": "hovedbiblioteket@example.org",
        "areas": ["hele-kommunen"],
        "categories": ["kultur", "lektiehjaelp", "events"],
        "admin": "marianne.holst",
        "editors": ["jesper.vinther"],
    },
    {
        "slug": "biblioteket-godthaabsvej",
        "name": "Biblioteket på Godthåbsvej",
        "kind": "municipal_unit",
        "description": "Et nærbibliotek i det nordlige Frederiksberg med børneafdeling, avislæsesal og en lille "
        "scene. Her holder strikkeklubben til, og vi søger frivillige til bogcirkler, højtlæsning for de mindste "
        "og lektiehjælp om eftermiddagen.",
        "street_address": "Godthåbsvej 41",
        "postcode": "2000",
        "contact_email": "godthaabsvej.bibliotek@example.org",
        "areas": ["nord"],
        "categories": ["kultur", "lektiehjaelp", "boern-unge"],
        "admin": "jesper.vinther",
        "editors": [],
    },
    {
        "slug": "skolen-paa-peter-bangs-vej",
        "name": "Skolen på Peter Bangs Vej",
        "kind": "municipal_unit",
        "description": "Folkeskole med 700 elever fra 0. til 9. klasse. Frivillige er læsevenner for eleverne i "
        "indskolingen, hjælper i skolehaven og tager med på ture ud af huset. Alle frivillige, der er sammen med "
        "eleverne, skal have en børneattest, som skolen indhenter.",
        "street_address": "Peter Bangs Vej 82",
        "postcode": "2000",
        "contact_email": "skolen.peterbangsvej@example.org",
        "areas": ["vest"],
        "categories": ["boern-unge", "lektiehjaelp"],
        "admin": "annemette.lauridsen",
        "editors": [],
    },
    {
        "slug": "frivilligcenter-frederiksberg",
        "name": "Frivilligcenter Frederiksberg",
        "kind": "municipal_unit",
        "description": "Frivilligcentret hjælper borgere med at finde et frivilligt job og foreninger med at finde "
        "frivillige, bestyrelsesmedlemmer og lokaler. Vi holder kurser i foreningsdrift, arrangerer Frivillig "
        "Fredag og giver gratis råd om regnskab og fundraising. Kig forbi – kaffen er klar.",
        "street_address": "Howitzvej 30",
        "postcode": "2000",
        "contact_email": "frivilligcenter@example.org",
        "areas": ["hele-kommunen"],
        "categories": ["administration", "raadgivning", "events"],
        "admin": "bente.dahl",
        "editors": ["ida.poulsen"],
    },
    {
        "slug": "ungdomsklubben-flintholm",
        "name": "Ungdomsklubben Flintholm",
        "kind": "municipal_unit",
        "description": "Klub for unge fra 13 til 17 år med værksted, musiklokale, e-sport og fællesspisning. "
        "Frivillige hjælper med lektier, lærer fra sig i musik og madlavning og tager med på weekendture. Alle "
        "frivillige skal have børneattest.",
        "street_address": "Flintholm Allé 20",
        "postcode": "2000",
        "contact_email": "ungdomsklubben.flintholm@example.org",
        "areas": ["vest"],
        "categories": ["boern-unge", "idraet", "kultur"],
        "admin": "kasper.lind",
        "editors": [],
    },
    {
        "slug": "aktivitetscentret-dalgas-boulevard",
        "name": "Aktivitetscentret på Dalgas Boulevard",
        "kind": "municipal_unit",
        "description": "Aktivitetscenter for pensionister med motion, værksteder, foredrag og en café, som "
        "frivillige driver. Vi søger frivillige til caféen, til at lede stolegymnastik og til at cykle ture med "
        "ældre i vores rickshaw-cykler gennem Frederiksberg Have og Søndermarken.",
        "street_address": "Dalgas Boulevard 48",
        "postcode": "2000",
        "contact_email": "aktivitetscentret.dalgas@example.org",
        "areas": ["vest"],
        "categories": ["aeldre", "sundhed", "idraet"],
        "admin": "lone.krogh",
        "editors": [],
    },
]

# Open invitations: (organisation slug, invited e-mail, role, invited by).
INVITATIONS = [
    ("soendermarkens-loebeklub", "jonas.brandt@example.org", "editor", "camilla.madsen"),
    ("hovedbiblioteket", "nanna.kirk@example.org", "admin", "marianne.holst"),
    ("lektiecafe-velkommen", "oliver.hansen@example.org", "editor", "yusuf.demir"),
]

# What volunteers tell about themselves. Only filled in while a profile is still untouched.
PROFILES = {
    "ane": {
        "birth_year": 1994,
        "interests": ["besoegsven", "kultur", "natur-miljoe"],
        "areas": ["frederiksberg-c", "nord"],
        "available_weekdays": True,
        "available_evenings": True,
        "available_weekends": True,
        "notify_new_opportunities": True,
    },
    "freja.dam": {
        "birth_year": 2010,
        "interests": ["idraet", "boern-unge", "events"],
        "areas": ["vest"],
        "available_weekdays": True,
        "available_weekends": True,
        "available_daytime": True,
    },
    "poul.berg": {
        "birth_year": 1951,
        "interests": ["idraet", "aeldre", "praktisk"],
        "areas": ["vest", "nord"],
        "available_weekdays": True,
        "available_daytime": True,
    },
    "ahmad.rahimi": {
        "birth_year": 1990,
        "interests": ["integration-sprog", "lektiehjaelp", "raadgivning"],
        "areas": ["nord"],
        "available_weekdays": True,
        "available_evenings": True,
        "notify_new_opportunities": True,
    },
    "ida.poulsen": {
        "birth_year": 2001,
        "interests": ["kultur", "events", "administration"],
        "areas": ["frederiksberg-c", "oest"],
        "available_weekends": True,
        "available_evenings": True,
    },
    "sofie.olsen": {
        "birth_year": 1998,
        "interests": ["lektiehjaelp", "boern-unge"],
        "areas": ["nord", "frederiksberg-c"],
        "available_weekdays": True,
        "available_daytime": True,
        "available_evenings": True,
        "notify_news": True,
    },
    "emma.wilson": {
        "birth_year": 1987,
        "interests": ["events", "natur-miljoe", "integration-sprog"],
        "areas": ["hele-kommunen"],
        "available_weekends": True,
        "available_daytime": True,
    },
}
