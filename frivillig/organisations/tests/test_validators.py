import pytest
from django.core.exceptions import ValidationError

from frivillig.organisations.validators import is_valid_cvr, validate_cvr


@pytest.mark.parametrize("cvr", ["29403473", "11259979", "35215719"])
def test_valid_cvr_numbers_pass(cvr):
    assert is_valid_cvr(cvr)
    validate_cvr(cvr)


@pytest.mark.parametrize(
    "cvr",
    [
        "35215711",  # weighted sum 102, 102 % 11 == 3 (35215719 is the valid neighbour)
        "35215712",
        "29403474",
        "3521571",  # 7 digits
        "352157111",  # 9 digits
        "3521571a",
        "03521571",  # CVR numbers do not start with 0
        "",
        "12345678",
    ],
)
def test_invalid_cvr_numbers_fail(cvr):
    assert not is_valid_cvr(cvr)
    with pytest.raises(ValidationError):
        validate_cvr(cvr)
