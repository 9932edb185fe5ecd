"""Who sees the reporting pages: the board (chair and members), observers, the programleder
and administrators. The public sees only the public pages."""

from felles.access import may_see_meetings


def may_see_reports(user) -> bool:
    return may_see_meetings(user)
