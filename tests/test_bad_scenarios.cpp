// The corpus of bad scenarios (tests/bad_scenarios/*.yaml): each file's first line is
// `# expect: <the exact error>`, with the file named by its base name. A file that cannot carry
// that line (the one byte `,`) has its error in a sidecar `<name>.expect` instead.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "models/loader.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kDir = fs::path(BORDERSIM_SOURCE_DIR) / "tests" / "bad_scenarios";

std::vector<std::string> corpus() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kDir))
    if (e.path().extension() == ".yaml") names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class BadScenario : public ::testing::TestWithParam<std::string> {};

TEST_P(BadScenario, GivesItsExactError) {
  const fs::path file = kDir / GetParam();
  fs::path sidecar = file;
  sidecar.replace_extension(".expect");
  const bool has_sidecar = fs::exists(sidecar);
  std::ifstream in(has_sidecar ? sidecar : file);
  std::string first;
  std::getline(in, first);
  const std::string prefix = has_sidecar ? "" : "# expect: ";
  ASSERT_EQ(first.rfind(prefix, 0), 0u) << file << " lacks an expectation line";
  const std::string expected = first.substr(prefix.size());
  try {
    models::load_scenario(file.string());
    FAIL() << GetParam() << " loaded without error";
  } catch (const models::SourceError& e) {
    std::string got = e.what();
    const std::string dir = kDir.string() + "/";
    for (std::size_t p; (p = got.find(dir)) != std::string::npos;) got.erase(p, dir.size());
    EXPECT_EQ(got, expected);
    EXPECT_GE(e.mark().line, 1);
    EXPECT_GE(e.mark().col, 1);
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadScenario, ::testing::ValuesIn(corpus()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param.substr(0, info.param.size() - 5);
                         });

TEST(BadScenarios, CorpusIsLargeEnough) {
  EXPECT_GE(corpus().size(), 30u);
}

// Through the command line: the error on stderr and exit code 2.
TEST(BadScenarios, CommandLineExitsWithTwo) {
  const std::string cmd = std::string(BORDERSIM_BINARY) + " validate " +
                          (kDir / "zero_servers.yaml").string() + " > /dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);
  const std::string ok = std::string(BORDERSIM_BINARY) + " validate " + BORDERSIM_SOURCE_DIR +
                         "/scenarios/lao_cai.yaml > /dev/null 2>&1";
  EXPECT_EQ(std::system(ok.c_str()), 0);
}

}  // namespace
