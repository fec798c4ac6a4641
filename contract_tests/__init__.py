"""The contract suite: ``pytest contract_tests --base-url URL`` checks an
implementation of Webex's tracking-code API against the contract."""
