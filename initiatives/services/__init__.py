"""Every write that has a rule. Views, admin actions, commands and tasks call these functions."""

from .catalogue import initiative_save
from .places import ImportReport, RejectedRow, places_import
from .sports import (
    AlreadyBooked,
    BookingError,
    CancellationTooLate,
    NotCancellable,
    SlotFull,
    SlotNotBookable,
    WeeklyLimitReached,
    booking_cancel,
    booking_check_in,
    booking_create,
    cancellation_deadline,
    slot_block,
    slot_unblock,
    slots_generate,
    slots_generate_all,
    week_bounds,
)

__all__ = [
    "initiative_save",
    "AlreadyBooked",
    "BookingError",
    "CancellationTooLate",
    "ImportReport",
    "NotCancellable",
    "RejectedRow",
    "SlotFull",
    "SlotNotBookable",
    "WeeklyLimitReached",
    "booking_cancel",
    "booking_check_in",
    "booking_create",
    "cancellation_deadline",
    "places_import",
    "slot_block",
    "slot_unblock",
    "slots_generate",
    "slots_generate_all",
    "week_bounds",
]
