"""Background work for shifts. The periodic job is a management command that enqueues these."""

from django.tasks import task

from . import services


@task()
def send_shift_reminders_task() -> dict[str, int]:
    """Lapse the holds that have run out (the waitlists move up), then remind people of tomorrow's shifts."""
    lapsed = services.signups_lapse_holds()
    reminded = services.reminders_send()
    return {"lapsed": lapsed, "reminded": reminded}
