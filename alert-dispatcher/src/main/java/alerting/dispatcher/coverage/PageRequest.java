package alerting.dispatcher.coverage;

import alerting.dispatcher.system.InvalidRequestException;

/** Which page of rows was asked for: {@code page} counts from 0, {@code size} rows per page. */
record PageRequest(int page, int size) {

  /** Reads the query parameters; a bad one is a 400 naming it. */
  static PageRequest parse(String page, String size, int defaultSize, int maxSize) {
    var p = page == null || page.isBlank() ? 0 : number("page", page);
    var s = size == null || size.isBlank() ? defaultSize : number("size", size);
    if (p < 0) {
      throw new InvalidRequestException("page", "must be 0 or more (pages count from 0)");
    }
    if (s < 1 || s > maxSize) {
      throw new InvalidRequestException("size", "must be between 1 and " + maxSize);
    }
    return new PageRequest(p, s);
  }

  private static int number(String name, String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(name, "must be a whole number, was '" + value + "'");
    }
  }

  long offset() {
    return (long) page * size;
  }

  /** Whether the row at this position (from 0, among the matching rows) is on the page. */
  boolean includes(long index) {
    return index >= offset() && index < offset() + size;
  }

  /** Whether rows at or after this position are past the page. */
  boolean isPast(long index) {
    return index >= offset() + size;
  }

  PageInfo info(long totalItems) {
    return new PageInfo(page, size, totalItems, (int) ((totalItems + size - 1) / size));
  }

  /** Where a page sits among all matching rows: for the console's pager. */
  record PageInfo(int page, int size, long totalItems, int totalPages) {}
}
