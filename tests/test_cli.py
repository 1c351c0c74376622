"""The `oversight` console script."""

from __future__ import annotations

import pytest

from oversight.cli import main


def test_a_command_may_be_written_with_dashes(capsys):
    with pytest.raises(SystemExit) as ended:
        main(["oversight", "search-index", "--help"])
    assert ended.value.code == 0
    assert "usage: oversight search_index" in capsys.readouterr().out
