# The "assign" audit action (issue 11: assignments in the app).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0008_claim_draft'),
    ]

    operations = [
        migrations.AlterField(
            model_name='reviewevent',
            name='action',
            field=models.CharField(choices=[('create', 'created the claim'), ('edit', 'edited'), ('comment', 'commented'), ('evidence_add', 'added evidence'), ('evidence_edit', 'edited evidence'), ('evidence_remove', 'removed evidence'), ('see_also', 'linked a related check (see also)'), ('submit', 'submitted'), ('approve', 'approved'), ('request_changes', 'requested changes'), ('publish', 'published'), ('correct', 'corrected'), ('retract', 'retracted'), ('revise', 'revised the text'), ('reanchor', 're-anchored'), ('reanchor_review', 're-anchored and sent back to review'), ('reattach', 're-attached'), ('import', 'imported the claim'), ('assign', 'assigned reviewers')], max_length=40),
        ),
    ]
