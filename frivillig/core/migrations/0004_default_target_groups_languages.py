from django.db import migrations


def load(apps, schema_editor):
    from frivillig.core.defaults import load_vocabularies

    load_vocabularies(lambda name: apps.get_model("core", name), ["TargetGroup", "SpokenLanguage"])


class Migration(migrations.Migration):
    dependencies = [("core", "0003_target_groups_languages")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
