int dummy_bad;
