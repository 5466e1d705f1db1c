// `bordersim export RESULT.h5 --csv DIR`: one CSV file per table of a result file, laid out as
// the file is (DIR/summary.csv, DIR/replications/r000/vehicles.csv, DIR/lookup/flows.csv,
// DIR/scenarios/<name>/..., DIR/sweep/pNNN/...). Codes are decoded to names and units written
// in the header (`transit_s [s]`) by outputs/table_reader.hpp, from the output contract.
//
// The directory appears whole or not at all: everything is written (and fsync'd) into a fresh
// sibling `DIR.partial-XXXXXX`, which is then renamed onto DIR. An existing DIR is replaced
// only with `force`, and only when it is an earlier export (it holds the marker file
// `.bordersim-export`): the two are swapped atomically and the old one removed. A failure
// removes the partial directory and leaves DIR as it was.
#pragma once

#include <string>
#include <vector>

namespace outputs {

inline constexpr const char* kExportMarker = ".bordersim-export";

struct CsvExport {
  std::string dir;
  std::vector<std::string> files;  // relative to dir, in the order written
};

// Throws OutputRefused (the directory exists, is not an export, or is a file) before reading
// anything, h5::Error for a file that is not a readable result, std::runtime_error with the
// system's reason when writing fails.
CsvExport export_csv(const std::string& h5_path, const std::string& dir, bool force);

// One CSV field: quoted when it holds a comma, a quote, a line break or edge spaces.
std::string csv_field(const std::string& s);

}  // namespace outputs
