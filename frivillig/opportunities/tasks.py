"""Background work for opportunities, run by `manage.py db_worker`."""

import logging

from django.tasks import task

from . import services

logger = logging.getLogger(__name__)


@task()
def expire_opportunities_task() -> int:
    """Expire the opportunities whose end date or application deadline has passed; return how many."""
    count = services.opportunities_expire()
    logger.info("Expired %d opportunities", count)
    return count
