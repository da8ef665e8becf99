"""Background work for saved searches, run by `manage.py db_worker`."""

import logging

from django.tasks import task

from . import services

logger = logging.getLogger(__name__)


@task()
def send_search_digests_task() -> int:
    """Send the digests of the saved searches that are due; return how many e-mails were sent."""
    count = services.digest_send_due()
    logger.info("Sent %d saved-search digests", count)
    return count
