/** File helpers shared by the engine's packages: atomic writes. */
package io.mlstages.io;
