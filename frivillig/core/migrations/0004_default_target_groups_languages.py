from django.db import migrations


def load(apps, schema_editor):
    from frivillig.core.defaults import SPOKEN_LANGUAGES, TARGET_GROUPS

    for model_name, rows in (("TargetGroup", TARGET_GROUPS), ("SpokenLanguage", SPOKEN_LANGUAGES)):
        model = apps.get_model("core", model_name)
        for position, (slug, name_da, name_en) in enumerate(rows):
            model.objects.get_or_create(slug=slug, defaults={"name_da": name_da, "name_en": name_en, "position": position})


class Migration(migrations.Migration):
    dependencies = [("core", "0003_target_groups_languages")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
