// Reading any table of a result file with its codes decoded: the one reader behind
// `bordersim export --csv` and the Python module's DataFrames. Which columns are categorical,
// and through which /lookup table, is the output contract's (ColumnSpec::lookup); units are the
// `<column>_unit` attributes the writer put there from the contract. Nothing here knows a column
// by name except through the contract.
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace outputs {

struct DecodedColumn {
  enum class Kind : std::uint8_t { Int, Float, Text, Category };
  std::string name;
  std::string unit;  // "" for none
  Kind kind = Kind::Float;
  std::vector<std::int64_t> ints;       // Int
  std::vector<double> floats;           // Float
  std::vector<std::string> texts;       // Text
  std::vector<std::int32_t> codes;      // Category: index into categories, -1 = none
  std::vector<std::string> categories;  // Category: the lookup's names (cargo adds "empty")
  std::string lookup;                   // Category: the /lookup table
  std::size_t size() const;
  std::string cell(std::size_t row) const;  // as text: a name, a number, "" for none or NaN
};

struct DecodedTable {
  std::string path;
  std::vector<DecodedColumn> columns;
  std::size_t rows = 0;
};

// Every table of a result file (compound datasets), by path without the leading '/', sorted;
// /lookup tables included. The file is verified first (outputs/verify.hpp): throws h5::Error
// naming what is wrong for a file that is not a sound bordersim result.
std::vector<std::string> result_tables(hid_t file);

// Reads a table whole. A column the contract declares categorical comes back as Category, its
// codes checked against the lookup of the scenario the table belongs to (a comparison's: the
// base's; a sweep point's: the point's); a lookup missing from an older file leaves it Int.
// /points gets one more column per swept parameter (from /point_parameters), typed: integers,
// numbers, numbers with one unit ("15/h": 15 with unit "/h"), else text.
DecodedTable read_decoded(hid_t file, const std::string& path);

// The scenario group a table belongs to ("" for a run's file, "scenarios/<name>", "sweep/pNNN").
std::string scenario_base(const std::string& table_path);

}  // namespace outputs
