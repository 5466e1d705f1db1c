// Where a policy effect changes sign over an explored design: a short rule ("worse only when
// pickup is quota and patience > 3.2") for the points where the variant's outcome is the minority
// one, found by exhaustive search over rules of one or two conditions.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace studies {

struct InputColumn {
  std::string name;
  bool discrete = false;
  std::vector<std::string> labels;  // discrete: code -> label
  std::vector<double> values;       // per point: the value, or the label code for discrete
};

struct Condition {
  std::size_t input = 0;
  bool discrete = false;
  double threshold = 0;            // numeric: the midpoint between adjacent observed values
  bool above = false;              // numeric: value > threshold (else value <= threshold)
  std::vector<std::size_t> codes;  // discrete: value in codes (ascending)
};

struct FlipRule {
  bool flips = false;                 // false when all points agree
  bool describes_worse = true;        // the region is where the variant is worse (else better)
  std::vector<Condition> conditions;  // all must hold; ordered by input, then > before <=
  double accuracy = 1;                // share of points the rule classifies correctly
  std::size_t covered = 0;            // points inside the region
  std::string text;
};

// better[p]: whether the variant is better at point p. Finds the rule of at most `depth` (1 or 2)
// conditions (numeric: name <= t or name > t, t the midpoint between adjacent observed values;
// discrete: name in {labels}) that describes the minority outcome's region (where the variant is
// worse if it is mostly better, and vice versa; worse on an even split) and classifies the most
// points correctly: inside the region the minority outcome, outside the majority one. Ties go to
// fewer conditions, then to the earlier inputs. Two conditions may be on one numeric input (an
// interval). When no rule beats "the majority outcome everywhere", conditions is empty and the
// text says so.
//
// Cost: about (inputs^2 / 2) * 2T * points operations, T the distinct values of a numeric input,
// capped at 256 cut points for a rule's first condition (beyond that the first condition's cuts
// are at evenly spaced ranks; the second condition's are always exact), and discrete inputs of up
// to 12 labels searched exhaustively (more: single labels and their complements as the first
// condition of a pair of discrete inputs). Throws std::invalid_argument on mismatched sizes, a
// NaN numeric value or a discrete value that is not a non-negative integer code, or depth not 1
// or 2.
FlipRule flip_rule(const std::vector<InputColumn>& inputs, const std::vector<bool>& better,
                   int depth = 2);

}  // namespace studies
