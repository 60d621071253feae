/**
 * The contract between gipc's API and its implementation. Users do not need it.
 */
package io.gipc.spi;
