/**
 * Tags the compiler knows without `usingComponents`: the platform's built-in components, from the
 * runtime's component catalogue (one for compiler and runtime), and AXML's own structural tags.
 */

export { BUILTIN_COMPONENT_NAMES as BUILTIN_COMPONENTS, STRUCTURAL_TAGS } from '@mpk/runtime/components';
