# Notifications (issue 11, "Needs me").

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):


    dependencies = [
        ('articles', '0002_search_document'),
        ('claims', '0001_initial'),
        ('reviews', '0001_roles'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Notification',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('sent_back', 'sent back your claim'), ('revision_sent_back', 'revised the article: your claim needs review again'), ('submitted', 'submitted a claim for review'), ('approved', 'approved your claim'), ('published', 'published your claim'), ('corrected', 'corrected your published claim'), ('retracted', 'retracted your claim'), ('mentioned', 'mentioned you in a comment'), ('assigned', 'assigned you to an article')], max_length=30)),
                ('note', models.TextField(blank=True, help_text="The editor's note or the comment, as written.")),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('read_at', models.DateTimeField(blank=True, null=True)),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to='articles.article')),
                ('claim', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='claims.claim')),
                ('comment', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='claims.comment')),
                ('recipient', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notifications', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(condition=models.Q(('read_at__isnull', True)), fields=['recipient', '-created_at'], name='notification_unread'), models.Index(fields=['recipient', '-created_at'], name='notification_recipient')],
                'constraints': [models.CheckConstraint(condition=models.Q(('kind__in', ['sent_back', 'revision_sent_back', 'submitted', 'approved', 'published', 'corrected', 'retracted', 'mentioned', 'assigned'])), name='notification_kind_valid')],
            },
        ),
    ]
