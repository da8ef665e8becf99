from django.db import migrations


def create_team(apps, schema_editor):
    from frivillig.core.defaults import VOLUNTEER_TEAM

    Organisation = apps.get_model("organisations", "Organisation")
    if not Organisation.objects.filter(is_volunteer_team=True).exists():
        Organisation.objects.create(kind="municipal_unit", is_volunteer_team=True, is_verified=True, **VOLUNTEER_TEAM)


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial"), ("core", "0002_default_vocabularies")]
    operations = [migrations.RunPython(create_team, migrations.RunPython.noop)]
