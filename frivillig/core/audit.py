"""Write the audit log: who did what, to what, when."""

from django.db import models

from .models import AuditLog


def audit(*, actor, action: str, target: models.Model | None = None, **details) -> AuditLog:
    return AuditLog.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        details=details,
    )
