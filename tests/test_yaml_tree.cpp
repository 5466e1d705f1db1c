#include <gtest/gtest.h>

#include "models/suggest.hpp"
#include "models/yaml_tree.hpp"

namespace {

using models::parse_yaml;
using models::SourceError;

// Returns the error text, or "" when parsing succeeds.
std::string error_of(const std::string& text) {
  try {
    parse_yaml(text, "s.yaml");
  } catch (const SourceError& e) {
    return e.what();
  }
  return "";
}

TEST(YamlTree, KeepsOneBasedMarksAndOrder) {
  auto doc = parse_yaml("name: kim thanh\ngates:\n  - id: bac_son\n    lanes: 3\n", "s.yaml");
  ASSERT_TRUE(doc.is_mapping());
  ASSERT_EQ(doc.entries.size(), 2u);
  EXPECT_EQ(doc.entries[0].key, "name");
  EXPECT_EQ(doc.entries[0].key_mark.line, 1);
  EXPECT_EQ(doc.entries[0].key_mark.col, 1);
  const auto* gates = doc.find("gates");
  ASSERT_TRUE(gates && gates->is_sequence());
  const auto* lanes = gates->items[0].find("lanes");
  ASSERT_TRUE(lanes);
  EXPECT_EQ(lanes->scalar, "3");
  EXPECT_EQ(lanes->mark.line, 4);
  EXPECT_EQ(lanes->mark.col, 12);
}

TEST(YamlTree, QuotedScalarsAreMarked) {
  auto doc = parse_yaml("a: \"12\"\nb: 12\n", "s.yaml");
  EXPECT_TRUE(doc.find("a")->quoted);
  EXPECT_FALSE(doc.find("b")->quoted);
}

TEST(YamlTree, DuplicateKeyIsAnErrorAtItsPosition) {
  EXPECT_EQ(error_of("gate:\n  lanes: 2\n  lanes: 3\n"),
            "s.yaml:3:3: error: gate.lanes: duplicate key (first given at line 2)");
}

TEST(YamlTree, SyntaxErrorsEmptyFilesAndSeveralDocuments) {
  EXPECT_EQ(error_of("a: [1, 2\n"),
            "s.yaml:2:1: error: YAML syntax: end of sequence flow not found");
  EXPECT_EQ(error_of(""), "s.yaml:1:1: error: the file is empty: expected a scenario mapping");
  EXPECT_EQ(error_of("# only a comment\n"),
            "s.yaml:1:1: error: the file is empty: expected a scenario mapping");
  EXPECT_EQ(error_of("a: 1\n---\nb: 2\n"),
            "s.yaml:3:1: error: several YAML documents in one file: expected exactly one");
  EXPECT_NE(error_of("a: &x 1\nb: *x\n").find("aliases"), std::string::npos);
}

TEST(Suggest, ClosestKeyForTypos) {
  std::vector<std::string> keys = {"opening_hours", "servers", "service_time", "lanes"};
  EXPECT_EQ(models::closest("opening_hour", keys), "opening_hours");
  EXPECT_EQ(models::closest("sevrers", keys), "servers");
  EXPECT_EQ(models::closest("colour", keys), "");
  EXPECT_EQ(models::edit_distance("kitten", "sitting"), 3u);
}

}  // namespace
