"""A query budget per case step: no step of an application's case may cost more than twice
the SQL queries of a bare viewflow step (bench/bare_flow.py: one View task on the plain
Process, executed through its task page).

The case is driven exactly as `make bench` drives it (bench.bench_workflow.Case): the
submission through the service, then every task through its page as the person it is
assigned to, and the applicant's acceptance on Min side. One case runs first to warm
caches, as in the bench; each step of the second is measured and checked on its own.
"""

import pytest
from django.test import Client

from bench.bare_flow import bare_flow_mounted, bare_step_queries
from bench.bench_workflow import APPLICANT, Case
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.letters_queued]


class WarmUp:
    def measure(self, step, call):
        return call()


class Budget:
    """Measures each step with django_assert_max_num_queries, each as its own subtest, so
    every step over the budget is reported with its count."""

    def __init__(self, budget, baseline, subtests, assert_max_num_queries):
        self.budget, self.baseline = budget, baseline
        self.subtests, self.assert_max = subtests, assert_max_num_queries
        self.counts = {}

    def measure(self, step, call):
        info = (
            f"case step {step!r}: budget {self.budget} queries "
            f"(2 x {self.baseline}, a bare viewflow step)"
        )
        result = None
        with self.subtests.test(msg=step), self.assert_max(self.budget, info=info) as queries:
            try:
                result = call()
            finally:
                self.counts[step] = len(queries)
        return result  # the case goes on when a step is over its budget

    def table(self):
        return "\n".join(
            f"{step:<45} {count:>4} queries, budget {self.budget} "
            f"({count / self.baseline:.1f} x bare viewflow)"
            for step, count in self.counts.items()
        )


def _clients(world):
    """One logged-in client per person, as the bench has."""
    world.clients = {}
    for user in (world.programleder, world.leder, world.medlem1, world.medlem2):
        world.clients[user.pk] = Client()
        world.clients[user.pk].force_login(user)
    world.applicant_client = Client()
    world.applicant_client.force_login(UserFactory(username="kari", email=APPLICANT))
    return world


def test_each_case_step_within_twice_a_bare_viewflow_step(
    world, subtests, django_assert_max_num_queries
):
    world = _clients(world)
    with bare_flow_mounted():
        client = world.clients[world.programleder.pk]
        bare_step_queries(client, world.programleder)  # warm, as every case step is
        baseline = bare_step_queries(client, world.programleder)
    assert baseline > 0

    Case(world).run(WarmUp())
    budget = Budget(2 * baseline, baseline, subtests, django_assert_max_num_queries)
    Case(world).run(budget)

    assert len(budget.counts) == 11, budget.counts  # submit, 10 pages, acceptance
    over = {step: count for step, count in budget.counts.items() if count > budget.budget}
    assert not over, f"bare viewflow step: {baseline} queries\n{budget.table()}"
