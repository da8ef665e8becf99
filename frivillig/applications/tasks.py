"""Background work for applications. The periodic jobs are management commands that enqueue these."""

from django.tasks import task

from . import figures, services


@task()
def refresh_response_figures_task(*, organisation_id: int) -> None:
    figures.refresh_response_figures(organisation_id)


@task()
def refresh_all_response_figures_task() -> int:
    return figures.refresh_all_response_figures()


@task()
def send_application_reminders_task() -> int:
    return services.applications_send_reminders()


@task()
def delete_unconfirmed_applications_task() -> int:
    return services.applications_delete_unconfirmed()
