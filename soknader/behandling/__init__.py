"""Case handling of submitted applications: the business rules behind the workflow app's flow.

The flow (workflow/) only orders the steps and says who does them; every write is a
service here. Services announce what happened through `hooks`, so that the flow can
follow without this package importing it.
"""
