from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("privatliv/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
    path("sprog/", views.set_language, name="set_language"),
    path("tema.css", views.theme_css, name="theme_css"),
    path("healthz", views.healthz, name="healthz"),
    path("koordinator/indstillinger/", views.site_configuration, name="site_configuration"),
    path("koordinator/bydele/", views.vocabulary_list, {"kind": "areas"}, name="areas"),
    path("koordinator/politikomraader/", views.vocabulary_list, {"kind": "policy_areas"}, name="policy_areas"),
    path("koordinator/kategorier/", views.vocabulary_list, {"kind": "categories"}, name="categories"),
    path("koordinator/revisionslog/", views.audit_log, name="audit_log"),
]
