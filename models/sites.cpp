#include "models/sites.hpp"

namespace models {

const char* site_kind_name(SiteKind k) {
  switch (k) {
    case SiteKind::Stop:
      return "stop";
    case SiteKind::Terminal:
      return "terminal";
    case SiteKind::Pool:
      return "pool";
    case SiteKind::Intake:
      return "intake";
    case SiteKind::Yard:
      return "yard";
  }
  return "?";
}

const char* site_direction_name(SiteDirection d) {
  switch (d) {
    case SiteDirection::Both:
      return "both";
    case SiteDirection::Export:
      return "export";
    case SiteDirection::Import:
      return "import";
    case SiteDirection::Outbound:
      return "outbound";
    case SiteDirection::Inbound:
      return "inbound";
  }
  return "?";
}

}  // namespace models
