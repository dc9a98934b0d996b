"""Presence without Redis: one row per open browser tab, refreshed by its heartbeat."""

from django.conf import settings
from django.db import models


class Presence(models.Model):
    tab = models.CharField(max_length=64, primary_key=True)
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    claim_id = models.BigIntegerField(null=True, blank=True)  # the claim being edited, if any
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["article", "seen_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} on article {self.article_id}"
