// Stylesheets imported by components are irrelevant in jsdom.
export {}
