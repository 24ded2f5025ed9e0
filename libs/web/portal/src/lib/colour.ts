const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** The colour if it is a plain `#rrggbb` value (the branding format of the API), else null. */
export function safeHexColour(value: string | null | undefined): string | null {
  return value && HEX_COLOUR.test(value) ? value : null;
}
