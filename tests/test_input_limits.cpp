// Limits on what a scenario may ask for before any work is done (issue 9): files that are not
// regular or too large, errors with no position, numbers checked at full width before they are
// narrowed, declared ranges, and echoed text made printable. The corpus in bad_scenarios/ holds
// the reproducers that fit in a scenario file; these are the ones that do not.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <climits>
#include <cmath>
#include <filesystem>
#include <string>

#include "models/loader.hpp"
#include "models/loader_section.hpp"
#include "models/overrides.hpp"
#include "models/suggest.hpp"
#include "support.hpp"

namespace {

namespace fs = std::filesystem;

// The message of the SourceError that loading `path` throws, or "" when it loads.
std::string error_of(const std::string& path) {
  try {
    models::load_scenario(path);
  } catch (const models::SourceError& e) {
    return e.what();
  }
  return "";
}

TEST(InputLimits, MissingFileHasTheOsReasonAndNoPosition) {
  EXPECT_EQ(error_of("/nonexistent/no_such.yaml"),
            "/nonexistent/no_such.yaml: error: cannot open: No such file or directory");
}

TEST(InputLimits, OnlyRegularFilesAreRead) {
  EXPECT_EQ(
      error_of("/dev/zero"),
      "/dev/zero: error: cannot read: not a regular file (a device, FIFO or socket may never end)");
  const std::string dir = fs::temp_directory_path().string();
  EXPECT_EQ(error_of(dir), dir + ": error: cannot read: it is a directory, not a file");
  // A FIFO with no writer: opening it must not wait for one.
  const std::string fifo =
      (fs::temp_directory_path() / ("bordersim_fifo_" + std::to_string(::getpid()))).string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(
      error_of(fifo),
      fifo + ": error: cannot read: not a regular file (a device, FIFO or socket may never end)");
  const std::string ext = test_support::write_temp("extends_fifo.yaml", "extends: " + fifo + "\n");
  EXPECT_EQ(error_of(ext), ext + ":1:10: error: extends: cannot open base scenario '" + fifo +
                               "': not a regular file (a device, FIFO or socket may never end)");
  fs::remove(fifo);
}

TEST(InputLimits, FilesOverTheSizeLimitAreNotRead) {
  const std::string big =
      test_support::write_temp("too_big.yaml", std::string(models::kMaxYamlBytes + 1, '#'));
  EXPECT_EQ(error_of(big),
            big + ": error: cannot read: it has " + std::to_string(models::kMaxYamlBytes + 1) +
                " bytes, more than the limit of " + std::to_string(models::kMaxYamlBytes));
}

TEST(InputLimits, TextEntryPointGivesTheSameErrors) {
  try {
    models::load_scenario_text(",", "virtual.yaml");
    FAIL() << "loaded";
  } catch (const models::SourceError& e) {
    EXPECT_EQ(e.mark().line, 1);
    EXPECT_EQ(e.mark().col, 1);
  }
}

// The limits leave room for real work: the shipped road gate over the longest horizon allowed.
TEST(InputLimits, ShippedScenarioLoadsOverAHundredYears) {
  const std::string path = test_support::scenario_path("kim_thanh_bac_son");
  models::YamlNode tree = models::load_merged_tree(path);
  models::set_in_tree(tree, "horizon", "36500d", "test");
  EXPECT_NO_THROW(models::load_scenario_tree(tree, path, ""));
  models::set_in_tree(tree, "horizon", "36501d", "test");
  EXPECT_THROW(models::load_scenario_tree(tree, path, ""), models::SourceError);
}

TEST(NumberWidth, IntegersAreParsedAtFullWidthNeverWrapped) {
  const auto read = [](const std::string& text) {
    models::YamlNode n;
    n.kind = models::YamlNode::Kind::Scalar;
    n.scalar = text;
    n.file = "s.yaml";
    n.mark = models::Mark{3, 7};
    return models::detail::integer_at(n, "a.b", LLONG_MIN, LLONG_MAX);
  };
  EXPECT_EQ(read("2147483648"), 2147483648LL);
  EXPECT_EQ(read("4294967297"), 4294967297LL);
  EXPECT_EQ(read("9223372036854775807"), LLONG_MAX);
  // Refused, and located at the node: never an unlocated std::invalid_argument.
  for (const char* bad : {"9223372036854775808", "99999999999999999999", "1.5", "", "nan", "2.0"}) {
    try {
      read(bad);
      ADD_FAILURE() << bad << " was read";
    } catch (const models::SourceError& e) {
      EXPECT_EQ(std::string(e.what()).rfind("s.yaml:3:7: error: a.b: ", 0), 0u) << e.what();
    }
  }
}

TEST(NumberWidth, DeclaredRangesAreCheckedBeforeNarrowing) {
  using models::detail::parse_range;
  const auto servers = parse_range("[1, 10000]", "integer");
  EXPECT_TRUE(servers.contains(1));
  EXPECT_TRUE(servers.contains(10000));
  EXPECT_FALSE(servers.contains(0));
  EXPECT_FALSE(servers.contains(2147483648.0));  // was -2147483648 servers
  EXPECT_FALSE(servers.contains(4294967297.0));  // was 1 server
  EXPECT_EQ(servers.words(), "between 1 and 10000");
  const auto positive = parse_range("> 0", "duration");
  EXPECT_FALSE(positive.contains(0));
  EXPECT_TRUE(positive.contains(1e-9));
  EXPECT_EQ(positive.words(), "greater than zero");
  EXPECT_EQ(parse_range(">= 0", "integer").words(), "zero or more");
  EXPECT_EQ(parse_range("(0, 100]", "real").words(), "greater than 0 and at most 100");
  EXPECT_FALSE(parse_range("[0, 1]", "real").contains(std::nan("")));
  EXPECT_THROW(parse_range("~ 3", "real"), std::logic_error);
}

// Every range the schema declares can be read, and every count (an integer narrowed to int) has
// an upper bound that fits an int.
TEST(NumberWidth, EverySchemaRangeIsReadableAndCountsFitAnInt) {
  for (const models::SectionSchema* s : models::all_schemas())
    for (const models::Field& f : s->fields) {
      SCOPED_TRACE(std::string(s->path) + "." + f.key);
      const auto b = models::detail::parse_range(f.range, f.type);
      if (std::string(f.type) == "integer" && std::string(f.key) != "seed") {
        EXPECT_LE(b.hi, INT_MAX);
      }
    }
}

TEST(Messages, EchoedTextIsEscapedAndCut) {
  EXPECT_EQ(models::printable("single_window\r"), "single_window\\r");
  EXPECT_EQ(models::printable("a\x1b[31mb"), "a\\x1b[31mb");
  EXPECT_EQ(models::printable("\xff\xfe"), "\\xff\\xfe");
  EXPECT_EQ(models::printable("caf\xc3\xa9"), "caf\xc3\xa9");  // UTF-8 stays
  EXPECT_EQ(models::echo(std::string(100, 'x')), "'" + std::string(60, 'x') + "…'");
  EXPECT_EQ(models::suggestion("single_window\r", {"single_window", "single_stop"}),
            "; it contains a control character ('\\r')");
  EXPECT_EQ(models::suggestion("single_windw", {"single_window", "single_stop"}),
            "; did you mean 'single_window'?");
}

}  // namespace

// Work limits (issue 22): refused before any work, with the estimate and the limit, exit 2, no
// file; --allow-large is the way past them.
TEST(WorkLimits, AMemoryHungryRunIsRefusedBeforeAnyWork) {
  const std::string out = test_support::write_temp("hungry.h5", "");
  std::filesystem::remove(out);
  int status = 0;
  const std::string text = test_support::bordersim_output(
      "run " + test_support::scenario_path("lao_cai") +
          " --horizon 36000d --replications 2 --threads 2 --quiet -o " + out,
      status);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2) << text;
  EXPECT_NE(text.find("2 replication(s) on 2 thread(s) need about"), std::string::npos) << text;
  EXPECT_NE(text.find("this run may plan for"), std::string::npos) << text;
  EXPECT_NE(text.find("--allow-large"), std::string::npos) << text;
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_FALSE(std::filesystem::exists(out + ".partial"));
}

TEST(WorkLimits, AGridOfAMillionPointsIsRefusedBeforeItIsBuilt) {
  std::string a, b;
  for (int i = 1; i <= 1000; ++i) {
    a += (i > 1 ? "," : "") + std::to_string(i) + "/h";
    b += (i > 1 ? "," : "") + std::to_string(i) + "/day";
  }
  int status = 0;
  const std::string text = test_support::bordersim_output(
      "sweep " + test_support::scenario_path("fruit_surge") +
          " --set crossings.kim_thanh_bac_son.intake.export.rate=" + a +
          " --set flows.exports.arrivals.rate=" + b + " --quiet -o /nonexistent/sweep.h5",
      status);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2) << text;
  EXPECT_NE(text.find("the grid has 1000000 points (1000 x 1000), more than 10000"),
            std::string::npos)
      << text;
}

// A fragment (sweep --set, Python overrides) reaches the same located readers: an intake
// priority of 1.5 given as an override was reported as "expected a whole number" with no place.
TEST(LocatedErrors, AnOverrideFragmentIsLocatedInItsOwnText) {
  const std::string path = test_support::scenario_path("fruit_surge");
  models::YamlNode tree = models::load_merged_tree(path);
  models::set_in_tree(tree, "crossings.kim_thanh_bac_son.intake.export.priority",
                      "{fresh_fruit: 0, general: 1.5}", "--set priority");
  try {
    models::load_scenario_tree(tree, path, "");
    FAIL() << "loaded";
  } catch (const models::SourceError& e) {
    EXPECT_EQ(std::string(e.what()),
              "--set priority:1:27: error: crossings.kim_thanh_bac_son.intake.export.priority."
              "general: expected a whole number, got '1.5'");
  }
}
