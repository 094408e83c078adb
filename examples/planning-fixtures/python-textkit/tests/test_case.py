from textkit.case import camel_to_snake, snake_to_camel


def test_round_trip():
    assert snake_to_camel(camel_to_snake("userId")) == "userId"


def test_digits_stay_with_their_word():
    assert camel_to_snake("utf8Decoder") == "utf8_decoder"
