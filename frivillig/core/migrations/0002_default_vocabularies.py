from django.db import migrations


def load(apps, schema_editor):
    from frivillig.core.defaults import load_vocabularies

    load_vocabularies(lambda name: apps.get_model("core", name), ["PolicyArea", "Category", "Area"])
    apps.get_model("core", "SiteConfiguration").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
