package org.apache.commons.jelly.impl;

import org.apache.commons.jelly.JellyContext;
import org.apache.commons.jelly.JellyException;
import org.apache.commons.jelly.JellyTagException;
import org.apache.commons.jelly.Script;
import org.apache.commons.jelly.XMLOutput;

import java.util.ArrayList;
import java.util.List;

/**
 * Test-only replacement of Apache Commons Jelly 1.0's class of the same name (test classes come first on the class
 * path), so that {@code io.mlstages.steps.JellyViews} trims whitespace as Jenkins' Jelly does. A tag body of mixed
 * text and tags is a script block: Jelly 1.0 strips every text in it at both ends ({@code Deployed <strong>} would
 * lose its space), while Jenkins' Jelly (jenkinsci/jelly, {@code ScriptBlock#trimWhitespace}) only drops the texts
 * that are nothing but whitespace. A body of text and expressions only is a {@link CompositeTextScriptBlock}, whose
 * first text loses its leading and last text its trailing whitespace in both: that is what ran words together on the
 * build page ({@code production(was v1)}), and what the views now avoid.
 */
public class ScriptBlock implements Script {
    private final List<Script> scripts = new ArrayList<>();

    public ScriptBlock() {
        // an empty block; the parser adds the body's scripts in order
    }

    @Override
    public String toString() {
        return super.toString() + "[scripts=" + scripts + "]";
    }

    /** Adds a script at the end of the block. */
    public void addScript(final Script script) {
        scripts.add(script);
    }

    /** Removes a script from the block. */
    public void removeScript(final Script script) {
        scripts.remove(script);
    }

    /** The block's scripts, live: the parser and the trimming change it. */
    @SuppressWarnings("rawtypes")
    public List getScriptList() {
        return scripts;
    }

    @Override
    public Script compile() throws JellyException {
        if (scripts.size() == 1) {
            return scripts.get(0).compile();
        }
        for (int i = 0; i < scripts.size(); i++) {
            scripts.set(i, scripts.get(i).compile());
        }
        return this;
    }

    @Override
    public void run(final JellyContext context, final XMLOutput output) throws JellyTagException {
        for (Script script : scripts) {
            script.run(context, output);
        }
    }

    /** Drops the texts that are only whitespace; other texts keep theirs, as in Jenkins' Jelly. */
    public void trimWhitespace() {
        scripts.removeIf(script -> script instanceof TextScript text && text.getText().isBlank());
    }
}
