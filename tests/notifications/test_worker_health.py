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


def _channel(transport):
    from kombu.transport.redis import Channel

    channel = Channel.__new__(Channel)
    channel.connection = transport
    return channel


def test_a_released_broker_connection_is_a_connection_error_not_a_crash():
    """The crash of issue 15: after Redis went away, kombu 5.7.0 restored unacknowledged messages and acknowledged
    finished tasks through a released connection (AttributeError on `conninfo.hostname`), which killed the
    worker. Now a connection error, which kombu and Celery handle (the worker reconnects)."""
    from kombu.transport.redis import Transport
    from redis.exceptions import ConnectionError as RedisConnectionError

    class Released:
        client = None
        default_port = 6379

    with pytest.raises(RedisConnectionError):
        _channel(Released())._connparams()
    with pytest.raises(RedisConnectionError):
        _channel(None)._connparams()
    assert RedisConnectionError in Transport.connection_errors


def test_a_live_broker_connection_gives_its_parameters():
    from kombu import Connection

    connection = Connection("redis://127.0.0.1:6399/3")
    params = _channel(connection.transport)._connparams()
    assert (params["host"], params["port"], params["db"]) == ("127.0.0.1", 6399, 3)
