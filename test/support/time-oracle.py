#!/usr/bin/env python3
"""An oracle for the Time contract (../shared/PRODUCT.md), independent of the code under test.

Prints the literal tables that test/core/plan-flow.test.ts and test/leaders/plan-with-leader.test.ts live by:
one run per weekday, each starting after the previous run has ended (the dev clock only goes forward), each
with a daylight-saving change inside it. Python's zoneinfo reads the system tz database; the Worker's
date-fns/tz reads workerd's ICU: two implementations that have to agree.

  python3 test/support/time-oracle.py plan-flow
  python3 test/support/time-oracle.py leader

The rules, as the contract says them:
- day 0 is due at startAt; day N > 0 at 09:00 owner-local on the owner's local date of startAt + N days,
  a Saturday or Sunday moved to the following Monday (skipWeekends, the default);
- a weekly digest goes on Monday at 09:00 in the leader's zone, when something is new since the last one.
"""
import sys
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

UTC = timezone.utc
DAY = timedelta(days=1)
CADENCE = [('own', 0), ('learn', 2), ('plan', 4), ('progress', 7), ('progress', 14), ('progress', 30), ('progress', 60), ('progress', 90)]
WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']


def iso(t: datetime) -> str:
    return t.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%S.000Z')


def at_local(d: date, zone: ZoneInfo, hour: int = 9) -> datetime:
    return datetime.combine(d, time(hour), tzinfo=zone).astimezone(UTC)


def due(start: datetime, day: int, zone: ZoneInfo) -> datetime:
    if day == 0:
        return start
    d = start.astimezone(zone).date() + timedelta(days=day)
    if d.weekday() == 5:
        d += 2 * DAY
    elif d.weekday() == 6:
        d += DAY
    return at_local(d, zone)


def first_on_or_after(d: date, weekday: int) -> date:
    return d + timedelta(days=(weekday - d.weekday()) % 7)


def dst_changes(zone: ZoneInfo, a: datetime, b: datetime) -> list[str]:
    """The UTC hours in [a, b) at which the zone's offset changes."""
    out, t = [], a.replace(minute=0, second=0)
    while t < b:
        if t.astimezone(zone).utcoffset() != (t + timedelta(hours=1)).astimezone(zone).utcoffset():
            out.append((t + timedelta(hours=1)).strftime('%Y-%m-%d'))
        t += timedelta(hours=1)
    return out


def plan_flow() -> None:
    london = ZoneInfo('Europe/London')
    # Early February or mid-August: each 90-day plan holds a change of London's clocks (late March, late October).
    targets = [date(2030, 1, 7), date(2030, 8, 12), date(2031, 2, 1), date(2031, 8, 12), date(2032, 2, 1), date(2032, 8, 12), date(2033, 2, 1)]
    previous_end = None
    print('const RUNS: Run[] = [')
    for weekday, target in enumerate(targets):
        start_date = first_on_or_after(target, weekday)
        start = datetime.combine(start_date, time(10), tzinfo=UTC)
        dues = [due(start, day, london) for _, day in CADENCE]
        quiet = datetime.combine(dues[-1].date() + timedelta(days=54), time(9), tzinfo=UTC)
        assert start.weekday() == weekday
        assert previous_end is None or start - timedelta(hours=2) > previous_end, 'runs overlap'
        changes = dst_changes(london, start, dues[-1])
        assert changes, f'no DST change inside the {WEEKDAYS[weekday]} run'
        previous_end = quiet
        print('  {')
        print(f"    weekday: '{WEEKDAYS[weekday]}', // London changes its clocks on {', '.join(changes)}")
        print(f"    startAt: '{iso(start)}',")
        print('    dueAt: [')
        for (step, day), t in zip(CADENCE, dues):
            local = t.astimezone(london)
            note = local.strftime('%a %d %b %H:%M %Z')
            moved = '' if day == 0 or (start.astimezone(london).date() + timedelta(days=day)) == local.date() else ', from the weekend'
            print(f"      '{iso(t)}', // {step} day {day}: {note}{moved}")
        print('    ],')
        print(f"    quietAt: '{iso(quiet)}',")
        print('  },')
    print('];')


def leader() -> None:
    london, new_york = ZoneInfo('Europe/London'), ZoneInfo('America/New_York')
    # About eight weeks apart, so that some runs hold New York's and London's clock changes (March, Oct/Nov).
    targets = [date(2030, 1, 7), date(2030, 3, 4), date(2030, 5, 1), date(2030, 7, 1), date(2030, 9, 26), date(2030, 12, 1), date(2031, 2, 1)]
    previous_end = None
    print('const RUNS: Run[] = [')
    for weekday, target in enumerate(targets):
        start_date = first_on_or_after(target, weekday)
        start = datetime.combine(start_date, time(8), tzinfo=UTC)
        dues = [due(start, day, london) for _, day in CADENCE]
        # The introduction goes once the ownership statement (written at 08:30) has stood 10 minutes.
        intro = start + timedelta(minutes=41)
        learned, planned = dues[1], dues[2]
        # The owner clicks "blocked" (and writes a note) a day and an hour after the day-14 check-in, and
        # "done" an hour after the day-30 one. A click counts 2 minutes later; the note at once.
        blocked_at = dues[4] + timedelta(days=1, hours=1)
        done_at = dues[5] + timedelta(hours=1)
        news = [(learned, 'learning'), (planned, 'plan'), (blocked_at, 'note'), (blocked_at + timedelta(minutes=2, seconds=10), 'blocked')]
        mondays, d = [], intro.astimezone(new_york).date()
        while True:
            if d.weekday() == 0:
                t = at_local(d, new_york)
                if t > intro:
                    mondays.append(t)
                    if t > done_at:
                        break
            d += DAY
        assert previous_end is None or start > previous_end + timedelta(days=1), 'runs overlap'
        previous_end = mondays[-1]
        changes = sorted(set(dst_changes(london, start, mondays[-1]) + dst_changes(new_york, start, mondays[-1])))
        # The test lives the blocked click (to the ack notice, 2 hours on) and the done click (to the closing
        # report, minutes on) each in one go, and looks a minute before each digest: no digest falls inside.
        for t in mondays:
            for begins, lasts in ((learned, 0), (planned, 0), (dues[4], 0), (blocked_at, 125), (done_at, 5)):
                assert not (begins - timedelta(minutes=1) <= t <= begins + timedelta(minutes=lasts + 1)), f'a digest at {iso(t)} meets an owner step'
        last_sent = None
        print('  {')
        print(f"    weekday: '{WEEKDAYS[weekday]}',{' // clocks change on ' + ', '.join(changes) if changes else ''}")
        print(f"    startAt: '{iso(start)}',")
        print('    dueAt: [')
        for (step, day), t in zip(CADENCE, dues):
            print(f"      '{iso(t)}', // {step} day {day}: {t.astimezone(london).strftime('%a %d %b %H:%M %Z')}")
        print('    ],')
        print(f"    blockedAt: '{iso(blocked_at)}', // {blocked_at.astimezone(london).strftime('%a %d %b')}")
        print(f"    doneAt: '{iso(done_at)}', // {done_at.astimezone(london).strftime('%a %d %b')}")
        print('    mondays: [')
        for t in mondays:
            label = t.astimezone(new_york).strftime('%a %d %b %H:%M %Z')
            if t > done_at:
                print(f"      {{ at: '{iso(t)}', after: 'done' }}, // {label}")
                continue
            fresh = [kind for when, kind in news if when <= t and (last_sent is None or when > last_sent)]
            if not fresh:
                print(f"      {{ at: '{iso(t)}', news: [] }}, // {label}: nothing new")
                continue
            last_sent = t
            day = (t - start) // DAY
            kinds = ', '.join(f"'{k}'" for k in fresh)
            print(f"      {{ at: '{iso(t)}', news: [{kinds}], day: {day} }}, // {label}")
        print('    ],')
        print('  },')
    print('];')


if __name__ == '__main__':
    {'plan-flow': plan_flow, 'leader': leader}[sys.argv[1] if len(sys.argv) > 1 else 'plan-flow']()
