"""`manage.py worker_health`: the check deploy/ runs (compose health check, systemd timer). The real worker
touching its heartbeat is exercised in test_worker_outage.py."""

import os
import time

import pytest
from django.core.management import CommandError, call_command

from config.celery import Heartbeat, app


def test_a_fresh_heartbeat_passes(settings, tmp_path, capsys):
    settings.WORKER_HEARTBEAT_FILE = str(tmp_path / "heartbeat")
    (tmp_path / "heartbeat").touch()
    call_command("worker_health")
    assert capsys.readouterr().out.startswith("ok: worker heartbeat")


def test_a_heartbeat_older_than_the_limit_fails(settings, tmp_path):
    settings.WORKER_HEARTBEAT_FILE = str(tmp_path / "heartbeat")
    (tmp_path / "heartbeat").touch()
    two_minutes_ago = time.time() - 120
    os.utime(tmp_path / "heartbeat", (two_minutes_ago, two_minutes_ago))
    with pytest.raises(CommandError, match="consumer dead or stuck"):
        call_command("worker_health")
    call_command("worker_health", "--max-age", "180")


def test_no_heartbeat_at_all_fails(settings, tmp_path):
    settings.WORKER_HEARTBEAT_FILE = str(tmp_path / "nothing-here")
    with pytest.raises(CommandError, match="never connected"):
        call_command("worker_health")


def test_the_worker_consumer_runs_the_heartbeat_step():
    assert Heartbeat in app.steps["consumer"]


@pytest.mark.django_db
def test_beat_health_follows_the_last_time_beat_sent_the_sweep(capsys):
    from django.utils import timezone
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    with pytest.raises(CommandError, match="never sent"):
        call_command("beat_health")
    every_minute = IntervalSchedule.objects.create(every=60, period=IntervalSchedule.SECONDS)
    sweep = PeriodicTask.objects.create(
        name="notifications-sweep-pending",
        task="notifications.tasks.sweep_pending",
        interval=every_minute,
        last_run_at=timezone.now() - timezone.timedelta(minutes=2),
    )
    call_command("beat_health")
    assert capsys.readouterr().out.startswith("ok: beat sent")
    PeriodicTask.objects.filter(pk=sweep.pk).update(last_run_at=timezone.now() - timezone.timedelta(minutes=10))
    with pytest.raises(CommandError, match="beat dead or stuck"):
        call_command("beat_health")


class _Transport:
    client = None  # released: what kombu 5.7.0 meets when it restores messages after losing Redis


class _Channel:
    def __init__(self, transport):
        self.connection = transport

    def conn_or_acquire(self, client=None):
        conninfo = self.connection.client
        return conninfo.hostname  # kombu's _connparams: AttributeError when the connection is released


def _qos(transport):
    from kombu.transport.redis import QoS

    qos = QoS.__new__(QoS)
    qos.channel = _Channel(transport)
    qos._delivered = {"tag": "message"}
    return qos


def test_unacknowledged_messages_are_left_to_redis_when_the_connection_is_already_gone():
    """The crash of issue 15: restoring them went through a released connection (AttributeError on
    `conninfo.hostname`) and killed the worker. Left in place instead; the outbox's sweep covers them."""
    from kombu.transport.redis import QoS

    qos = _qos(_Transport())
    assert QoS.restore_unacked(qos) is None
    assert qos._delivered == {"tag": "message"}


def test_any_other_attribute_error_while_restoring_still_raises():
    from kombu.transport.redis import QoS

    transport = _Transport()
    transport.client = object()  # a live connection (without `hostname`): not the failure we know
    with pytest.raises(AttributeError):
        QoS.restore_unacked(_qos(transport))
