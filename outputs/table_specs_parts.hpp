// What the table declarations share (table_specs.cpp, table_specs_explore.cpp).
#pragma once

#include <vector>

#include "outputs/contract.hpp"

namespace outputs {

std::vector<ColumnSpec> key_columns();  // a summary metric's key as text
std::vector<ColumnSpec> ci_columns();   // mean, sd, CI and n across replications

template <class... Parts>
std::vector<ColumnSpec> join(Parts... parts) {
  std::vector<ColumnSpec> out;
  (out.insert(out.end(), parts.begin(), parts.end()), ...);
  return out;
}

// Appends the tables of `explore` (table_specs_explore.cpp), in Table order.
void add_explore_tables(std::vector<TableSpec>& t);
void add_optimise_tables(std::vector<TableSpec>& t);  // table_specs_optimise.cpp

}  // namespace outputs
