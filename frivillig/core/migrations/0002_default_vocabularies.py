from django.db import migrations


def load(apps, schema_editor):
    from frivillig.core.defaults import AREAS, CATEGORIES, POLICY_AREAS

    for model_name, rows in (("PolicyArea", POLICY_AREAS), ("Category", CATEGORIES), ("Area", AREAS)):
        model = apps.get_model("core", model_name)
        for position, (slug, name_da, name_en) in enumerate(rows):
            model.objects.get_or_create(slug=slug, defaults={"name_da": name_da, "name_en": name_en, "position": position})
    apps.get_model("core", "SiteConfiguration").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
